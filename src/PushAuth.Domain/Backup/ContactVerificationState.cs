using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Backup;

/// <summary>One contact's verifications (bounded) and recent sends, for the per-contact limit.</summary>
public sealed record ContactVerificationState : IOwesEffects
{
    public string Channel { get; init; } = "";

    public string MaskedAddress { get; init; } = "";

    /// <summary>The address, encrypted under the backup master key: user notices (a temporary code was issued, methods
    /// were revoked) are sent to it. Null for contacts verified before notices existed.</summary>
    public string? SealedAddress { get; init; }

    public IReadOnlyList<ContactVerificationRecord> Verifications { get; init; } = [];

    /// <summary>When messages were sent within the last hour.</summary>
    public IReadOnlyList<DateTimeOffset> RecentSends { get; init; } = [];

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
