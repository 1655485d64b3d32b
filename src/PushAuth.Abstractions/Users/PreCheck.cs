namespace PushAuth.Abstractions;

/// <summary>
/// What a login page can offer a user right now (<c>GET /v1/users/{userId}/pre-check</c>), as Duo's <c>preauth</c>: one
/// call before the prompt instead of trying push and falling back on its refusal.
/// </summary>
/// <param name="Enrolled">The user has a paired device or a TOTP credential. A user this tenant never saw is not enrolled
/// (the same answer as a user without methods).</param>
/// <param name="Recommended">What to show first: <c>push</c>, <c>totp</c>, <c>temporary-code</c>, <c>enroll</c> (no method:
/// pair a device) or <c>none</c> (enrolled, but nothing usable now: push blocked or revoked and TOTP locked).</param>
[GenerateSerializer, Immutable, Alias("pa.PreCheck")]
public sealed record PreCheck(bool Enrolled, string Recommended, PreCheckPush Push, PreCheckTotp Totp, PreCheckTemporaryCode TemporaryCode);
