namespace PushAuth.Abstractions;

/// <summary>The state of one prompt or CIBA request, as the provider reads it.</summary>
/// <param name="UserId">The user named by the client's pushed request (<c>login_hint</c>): never taken from the browser.</param>
/// <param name="ChallengeId">The push challenge behind it (for audit), or null before a push or after a code.</param>
/// <param name="NumberMatch">The number the prompt shows (null without number matching).</param>
/// <param name="Method">How the user answered: <c>push</c>, <c>totp</c> or <c>temporary-code</c>; null while pending.</param>
/// <param name="Amr">The authentication method references for the ID token (see docs/oidc.md).</param>
/// <param name="AuthTime">When the user answered.</param>
/// <param name="Detail">What to tell the user or the client when it did not succeed.</param>
[GenerateSerializer, Immutable, Alias("pa.OidcAuthentication")]
public sealed record OidcAuthentication(
    string ClientId,
    string UserId,
    OidcAuthenticationStatus Status,
    DateTimeOffset ExpiresAt,
    string? ChallengeId = null,
    string? NumberMatch = null,
    string? Method = null,
    IReadOnlyList<string>? Amr = null,
    DateTimeOffset? AuthTime = null,
    string? Detail = null,
    IReadOnlyList<string>? Scopes = null,
    DateTimeOffset? LastPolledAt = null,
    int Interval = 0);
