using System.Net;

namespace PushAuth.Client;

/// <summary>A problem+json answer from the silo: the HTTP status, the stable <see cref="Code"/> (e.g. <c>pairing.unknown-phrase</c>)
/// and, for 429/423, when to try again.</summary>
public sealed class PushAuthApiException(HttpStatusCode status, string? code, string message, TimeSpan? retryAfter) : HttpRequestException(message, null, status)
{
    public string? Code { get; } = code;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
