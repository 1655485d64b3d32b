using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Recovery;

namespace PushAuth.Domain.Users;

/// <summary>
/// Everything about one user, saved in one write: verification methods, TOTP throttling, push bookkeeping, the
/// user's challenges, and the effects owed for decisions already made.
/// </summary>
public sealed record UserState : IOwesEffects
{
    /// <summary>Set on the first write; a user grain is keyed by a hash of these (<see cref="PushAuth.Abstractions.GrainKeys.User"/>).</summary>
    public string? TenantId { get; init; }

    public string? UserId { get; init; }

    public IReadOnlyList<DeviceMethod> Devices { get; init; } = [];

    public IReadOnlyList<TotpMethod> Totp { get; init; } = [];

    /// <summary>Consecutive failed TOTP checks (NIST SP 800-63B: lock at 100).</summary>
    public int TotpFailures { get; init; }

    public DateTimeOffset? TotpThrottledUntil { get; init; }

    public bool TotpLocked { get; init; }

    public UserPushState Push { get; init; } = new();

    /// <summary>Pending challenges and, for a grace period, resolved ones (bounded).</summary>
    public IReadOnlyList<ChallengeState> Challenges { get; init; } = [];

    /// <summary>Temporary codes and the push revocation of a lost or stolen device.</summary>
    public UserRecoveryState Recovery { get; init; } = new();

    public OwedEffects Owed { get; init; } = OwedEffects.None;

    /// <summary>Written by releases whose user grain kept its own reminder bookkeeping; the shared owing-grain shell keeps it
    /// in memory, so this is no longer read. Kept so stored rows keep their shape.</summary>
    public bool ReminderActive { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Exists => TenantId is not null;
}
