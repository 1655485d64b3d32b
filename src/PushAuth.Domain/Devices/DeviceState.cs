
using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Devices;

/// <summary>One device: its key, push route and pairings.</summary>
public sealed record DeviceState : IOwesEffects
{
    /// <summary>base64url SPKI of the P-256 public key; the server never sees the private key.</summary>
    public string? PublicKey { get; init; }

    public string Platform { get; init; } = "";

    public string Provider { get; init; } = "";

    public string? PushToken { get; init; }

    public bool PushTokenValid { get; init; }

    public string? PushTokenInvalidReason { get; init; }

    public string AppVersion { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? DeregisteredAt { get; init; }

    /// <summary>When the device first paired with a user; a device that never pairs is purged (<c>PushAuth:Devices:UnpairedLifetime</c>).</summary>
    public DateTimeOffset? FirstPairedAt { get; init; }

    /// <summary>Set when an unpaired device was purged: its key is gone, so the id can be registered afresh.</summary>
    public DateTimeOffset? PurgedAt { get; init; }

    /// <summary>The users this device is paired with.</summary>
    public IReadOnlyList<DevicePairing> Pairings { get; init; } = [];

    /// <summary>Nonces of signed requests inside the skew window (replay protection).</summary>
    public IReadOnlyList<UsedNonce> RecentNonces { get; init; } = [];

    /// <summary>Notices for the device to pull (bounded): its backup was restored or replaced elsewhere.</summary>
    public IReadOnlyList<DeviceNoticeRecord> Notices { get; init; } = [];

    public OwedEffects Owed { get; init; } = OwedEffects.None;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Active => PublicKey is not null && DeregisteredAt is null;
}

/// <summary>A user this device is paired with: the user grain's key and who that is.</summary>
public sealed record DevicePairing(string UserKey, string TenantId, string UserId);

/// <summary>A signed request's nonce and when it was signed.</summary>
public sealed record UsedNonce(string Nonce, DateTimeOffset SignedAt);
