namespace PushAuth.Abstractions;

/// <summary>The user grain's side of a restore (same key and activation as <see cref="IUserGrain"/>): the device whose
/// backup was restored elsewhere loses this user's push method.</summary>
[Alias("pa.IUserRestoreGrain")]
public interface IUserRestoreGrain : IGrainWithStringKey
{
    /// <summary>Disconnects <paramref name="deviceId"/> as a method (its pending challenges end, the device is told), as an
    /// admin's disconnect does, with reason <c>restored-on-another-device</c>. Nothing when it is not paired.</summary>
    [Alias("RevokeRestoredDevice")]
    Task RevokeRestoredDeviceAsync(string deviceId, string restoredOnDeviceId, CancellationToken cancellationToken = default);

    /// <summary>Notices to the user go to <paramref name="contactKey"/> (a backup of their account was made for it); with
    /// null, the contact is forgotten if it is still <paramref name="unlinking"/> (that backup was deleted). Idempotent.</summary>
    [Alias("SetNoticeContact")]
    Task SetNoticeContactAsync(string? contactKey, string? unlinking, CancellationToken cancellationToken = default);
}
