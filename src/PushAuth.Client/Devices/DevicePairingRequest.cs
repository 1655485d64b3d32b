namespace PushAuth.Client.Devices;

/// <summary>A pairing as the device sees it before the user accepts: who asks, for which account, and the nonce to sign.</summary>
/// <param name="PairingId">The pairing.</param>
/// <param name="Status">AwaitingClaim (no login service has claimed the phrase yet), AwaitingDevice (show it and ask the user),
/// Accepted, Rejected or Expired.</param>
/// <param name="TenantName">The organisation that asks, once claimed.</param>
/// <param name="ServiceName">The login service that asks, once claimed.</param>
/// <param name="UserId">The account the device would be paired with, once claimed.</param>
/// <param name="Nonce">Signed into the confirmation.</param>
/// <param name="ExpiresAt">When the pairing ends unanswered.</param>
public sealed record DevicePairingRequest(string PairingId, string Status, string? TenantName, string? ServiceName, string? UserId, string Nonce, DateTimeOffset ExpiresAt);
