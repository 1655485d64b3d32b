namespace PushAuth.Abstractions;

/// <summary>What the user sees on the phone to decide: who asks, for what, from where.</summary>
/// <param name="Service">Service or app name, e.g. "Acme Mail".</param>
/// <param name="Action">What is being approved, e.g. "Sign in".</param>
/// <param name="SourceIp">IP address of the login request as the login service saw it (used for auto-approve rules).</param>
/// <param name="City">Approximate city of the request.</param>
/// <param name="Country">Country of the request.</param>
/// <param name="Browser">Browser of the login request.</param>
/// <param name="OperatingSystem">Operating system of the login request.</param>
/// <param name="RequestedAt">When the login service saw the login attempt.</param>
/// <param name="BindingMessage">A short text the caller shows beside the request and the phone shows with the challenge
/// (CIBA's <c>binding_message</c>), so the user can tell that the two belong together.</param>
[GenerateSerializer, Immutable, Alias("pa.ChallengeContext")]
public sealed record ChallengeContext(
    string Service,
    string Action,
    string? SourceIp = null,
    string? City = null,
    string? Country = null,
    string? Browser = null,
    string? OperatingSystem = null,
    DateTimeOffset? RequestedAt = null,
    string? BindingMessage = null);
