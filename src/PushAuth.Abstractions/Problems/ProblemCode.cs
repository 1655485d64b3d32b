namespace PushAuth.Abstractions;

/// <summary>
/// One entry of the problem-code catalogue (<see cref="ProblemCodes"/>): the stable machine-readable code a refusal
/// carries (the <c>code</c> of an RFC 9457 problem+json answer), the class of refusal it belongs to (which the silo maps
/// to an HTTP status in one place) and a short title saying what it means. A code string may appear twice only where two
/// refusals of different classes have always shared it (<c>signature.invalid</c>: a missing field, 400, or a signature
/// that does not verify, 401).
/// </summary>
/// <param name="Code">Stable code, e.g. <c>challenge.not-found</c>; never changed once published.</param>
/// <param name="Kind">The class of refusal: what the HTTP layer turns into a status.</param>
/// <param name="Title">What the code means, for the published catalogue.</param>
public sealed record ProblemCode(string Code, ErrorKind Kind, string Title)
{
    /// <summary>The refusal as an exception that travels across grain calls; <paramref name="detail"/> says what to do
    /// about it and never carries a secret.</summary>
    public PushAuthException Error(string detail, TimeSpan? retryAfter = null) => new(this, detail, retryAfter);
}
