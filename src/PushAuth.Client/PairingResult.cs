namespace PushAuth.Client;

/// <summary>A pairing as the login service sees it.</summary>
/// <param name="PairingId">The pairing.</param>
/// <param name="Kind">How it started: a phrase typed on the login page, or a QR offer.</param>
/// <param name="Status"><c>AwaitingClaim</c>, <c>AwaitingDevice</c>, <c>Accepted</c>, <c>Rejected</c> or <c>Expired</c>.</param>
/// <param name="UserId">The user the device is paired with.</param>
/// <param name="ServiceName">The service the phone showed as asking.</param>
/// <param name="DeviceId">The device, once it answered.</param>
/// <param name="MethodId">The new verification method, once accepted.</param>
/// <param name="ExpiresAt">When the pairing ends unanswered.</param>
public sealed record PairingResult(string PairingId, string Kind, string Status, string? UserId, string? ServiceName, string? DeviceId, string? MethodId, DateTimeOffset ExpiresAt)
{
    /// <summary>True until the device has answered or the pairing has expired.</summary>
    public bool IsPending => Status is "AwaitingClaim" or "AwaitingDevice";
}
