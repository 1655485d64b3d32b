namespace PushAuth.Abstractions;

/// <summary>
/// A domain error with a stable machine-readable code (e.g. <c>pairing.expired</c>). Grains throw it;
/// the silo turns it into an RFC 9457 problem+json answer. Messages never contain secrets.
/// </summary>
public sealed class PushAuthException(ErrorKind kind, string code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;

    /// <summary>Stable code, used as the problem type suffix.</summary>
    public string Code { get; } = code;

    /// <summary>For <see cref="ErrorKind.TooManyRequests"/> and <see cref="ErrorKind.Locked"/>: when to try again.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static PushAuthException Invalid(string code, string message) => new(ErrorKind.Validation, code, message);

    public static PushAuthException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static PushAuthException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static PushAuthException Gone(string code, string message) => new(ErrorKind.Gone, code, message);

    public static PushAuthException Unauthenticated(string code, string message) => new(ErrorKind.Unauthenticated, code, message);

    public static PushAuthException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    public static PushAuthException TooMany(string code, string message, TimeSpan? retryAfter = null) => new(ErrorKind.TooManyRequests, code, message, retryAfter);

    public static PushAuthException Locked(string code, string message, TimeSpan? retryAfter = null) => new(ErrorKind.Locked, code, message, retryAfter);
}
