namespace PushAuth.Client;

/// <summary>What the login page can offer the user now (<c>GET /v1/users/{userId}/pre-check</c>).</summary>
/// <param name="Enrolled">True when the user has any verification method; an unknown user reads the same as one without.</param>
/// <param name="Recommended"><c>push</c>, <c>totp</c>, <c>temporary-code</c>, <c>enroll</c> (pair a device first) or
/// <c>none</c> (enrolled, but nothing usable now).</param>
/// <param name="Push">Push approvals.</param>
/// <param name="Totp">TOTP codes.</param>
/// <param name="TemporaryCode">An admin's temporary code.</param>
public sealed record PreCheckResult(bool Enrolled, string Recommended, PreCheckPush Push, PreCheckTotp Totp, PreCheckTemporaryCode TemporaryCode);
