using PushAuth.Hosting;
using PushAuth.Security;

namespace PushAuth.Grains.Users;

[GrainState(1)]
public sealed record UserState
{
    public IReadOnlyList<DeviceMethod> Devices { get; init; } = [];

    public IReadOnlyList<TotpMethod> Totp { get; init; } = [];

    /// <summary>Consecutive failed TOTP checks (NIST SP 800-63B: lock at 100).</summary>
    public int TotpFailures { get; init; }

    public DateTimeOffset? TotpThrottledUntil { get; init; }

    public bool TotpLocked { get; init; }
}

/// <summary>A paired device as a verification method.</summary>
public sealed record DeviceMethod(string MethodId, string DeviceId, string DisplayName, string PairingMethod, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>A TOTP credential; the seed is encrypted (AES-GCM, bound to tenant, user and method id).</summary>
public sealed record TotpMethod(string MethodId, string? DeviceId, string ProtectedSecret, OtpAlgorithm Algorithm, int Digits, int Period,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, long? LastAcceptedStep);
