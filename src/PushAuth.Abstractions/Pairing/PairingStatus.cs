namespace PushAuth.Abstractions;

/// <summary>Life cycle of a pairing (phrase or QR offer).</summary>
public enum PairingStatus
{
    None,

    /// <summary>Phrase shown on the device; no login service has claimed it yet.</summary>
    AwaitingClaim,

    /// <summary>Claimed for a user (or an offer made); waiting for the device.</summary>
    AwaitingDevice,

    Accepted,

    Rejected,

    Expired,
}
