using System.Net;

namespace PushAuth.Client;

/// <summary>
/// A refusal from the silo (problem+json): the HTTP status, the stable <see cref="Code"/> (e.g. <c>pairing.unknown-phrase</c>)
/// and, for 429 and 423, when to try again. Both clients throw it; it is an <see cref="HttpRequestException"/>, so code that
/// catches those keeps working.
/// </summary>
/// <param name="status">The HTTP status of the answer.</param>
/// <param name="code">The problem's stable <c>code</c>, or null when the answer was not problem+json.</param>
/// <param name="message">The refusal in one line: <c>{status} {reason} {code}: {detail}</c>.</param>
/// <param name="retryAfter">The answer's <c>Retry-After</c>, when it carried one.</param>
public sealed class PushAuthApiException(HttpStatusCode status, string? code, string message, TimeSpan? retryAfter) : HttpRequestException(message, null, status)
{
    /// <summary>The problem's stable code (<c>push.blocked</c>, <c>userId.invalid</c>, …): compare against this, never the message.</summary>
    public string? Code { get; } = code;

    /// <summary>How long to wait before trying again (429 throttling, 423 blocked pushes); null when the silo named no delay.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
