using PushAuth.Abstractions;
using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Pairing;

/// <summary>One pairing, by phrase or QR offer.</summary>
public sealed record PairingState : IOwesEffects
{
    /// <summary>"phrase" or "offer".</summary>
    public string Kind { get; init; } = "";

    public PairingStatus Status { get; init; } = PairingStatus.None;

    public string? DeviceId { get; init; }

    public string? TenantId { get; init; }

    public string? TenantName { get; init; }

    public string? UserId { get; init; }

    public string? ServiceName { get; init; }

    /// <summary>Signed by the device when it confirms, so a confirmation cannot be replayed onto another pairing.</summary>
    public string Nonce { get; init; } = "";

    /// <summary>SHA-256 of a QR offer's one-time credential (base64url).</summary>
    public string? CredentialHash { get; init; }

    public int FailedAttempts { get; init; }

    public string? MethodId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the pairing was bound to its user (claimed, or the offer made): a pairing bound before the user's
    /// methods were revoked cannot complete after it.</summary>
    public DateTimeOffset? BoundAt { get; init; }

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
