namespace PushAuth.DeviceSimulator;

/// <summary>A pairing request as the device sees it before the user accepts: who asks, for which account, the nonce to sign.</summary>
public sealed record DevicePairingRequest(string PairingId, string Status, string? TenantName, string? ServiceName, string? UserId, string Nonce, DateTimeOffset ExpiresAt);
