namespace PushAuth.Abstractions;

/// <summary>What the device shows before the user accepts: who asks, for which account, and the nonce to sign.</summary>
[GenerateSerializer, Immutable, Alias("pa.DevicePairingView")]
public sealed record DevicePairingView(string PairingId, PairingStatus Status, string? TenantName, string? ServiceName, string? UserId, string Nonce, DateTimeOffset ExpiresAt);
