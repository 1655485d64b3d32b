namespace PushAuth.Client;

/// <summary>A pairing as the login service sees it. <see cref="Status"/>: AwaitingClaim, AwaitingDevice, Accepted, Rejected or Expired.</summary>
public sealed record PairingResult(string PairingId, string Kind, string Status, string? UserId, string? ServiceName, string? DeviceId, string? MethodId, DateTimeOffset ExpiresAt)
{
    /// <summary>True until the device has answered or the pairing has expired.</summary>
    public bool IsPending => Status is "AwaitingClaim" or "AwaitingDevice";
}
