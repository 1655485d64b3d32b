namespace PushAuth.Client;

/// <summary>What the login page can offer the user now (<c>GET /v1/users/{userId}/pre-check</c>).</summary>
/// <param name="Recommended"><c>push</c>, <c>totp</c>, <c>temporary-code</c>, <c>enroll</c> (pair a device first) or
/// <c>none</c> (enrolled, but nothing usable now).</param>
public sealed record PreCheckResult(bool Enrolled, string Recommended, PreCheckPush Push, PreCheckTotp Totp, PreCheckTemporaryCode TemporaryCode);

/// <summary>Push: usable unless the user has no device, or pushes are blocked (fatigue) or revoked (lost or stolen phone).</summary>
public sealed record PreCheckPush(bool Usable, IReadOnlyList<PreCheckDevice> Devices, bool Blocked, string? BlockReason, DateTimeOffset? BlockedUntil, DateTimeOffset? RevokedAt);

/// <summary>A device a challenge can target (<c>deviceId</c> of <see cref="PushAuthClient.CreateChallengeAsync"/>).</summary>
public sealed record PreCheckDevice(string MethodId, string DeviceId, string DisplayName, DateTimeOffset? LastUsedAt);

/// <summary>TOTP: usable unless locked after 100 failures; <see cref="ThrottledUntil"/> after repeated failures.</summary>
public sealed record PreCheckTotp(bool Usable, int Credentials, bool Locked, DateTimeOffset? ThrottledUntil);

/// <summary>An admin's temporary code for this login service, and when it expires (never the code).</summary>
public sealed record PreCheckTemporaryCode(bool Usable, DateTimeOffset? ExpiresAt);
