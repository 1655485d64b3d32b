namespace PushAuth.Abstractions;

/// <summary>Why a device's answer was not taken. Each maps to one entry of the catalogue (<see cref="AnswerRejections.Problem"/>).</summary>
public enum AnswerRejection
{
    /// <summary>No such challenge.</summary>
    NotFound,

    /// <summary>The device is not one the challenge went to (answered as not found: no probing of other users' challenges).</summary>
    NotATarget,

    /// <summary>The signature or the nonce does not verify with the device's key.</summary>
    BadSignature,

    /// <summary>The device is no longer paired with the user.</summary>
    DeviceNotPaired,

    /// <summary>The challenge is resolved already (or expired).</summary>
    AlreadyResolved,

    /// <summary>The typed number did not match: the challenge is denied.</summary>
    NumberMismatch,
}
