namespace PushAuth.Abstractions;

/// <summary>
/// One contact (key: the keyed hash of channel and normalized address, <see cref="IBackupGrain"/>'s key too): its
/// one-time codes and app-link tokens, stored as peppered hashes, 10 minutes and 5 attempts each, and the per-contact
/// send limit. The message is sent after the write that records the code; the code itself is never stored.
/// A leaf: it calls no other grain.
/// </summary>
[Alias("pa.IContactVerificationGrain")]
public interface IContactVerificationGrain : IGrainWithStringKey
{
    /// <summary>Sends a new code and link to the contact for <paramref name="request"/>'s device; earlier pending codes of
    /// that device stop working. 429 past the contact's send limit.</summary>
    [Alias("Start")]
    Task<ContactVerificationStarted> StartAsync(ContactVerificationRequest request, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Checks a typed code or a tapped link's token; the verification becomes usable for backup and restore
    /// by that device for 15 minutes.</summary>
    [Alias("Confirm")]
    Task<ContactVerificationView> ConfirmAsync(string verificationId, string deviceId, string? code, string? linkToken, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The verified contact behind <paramref name="verificationId"/> when it is verified, by this device, and
    /// still fresh; null otherwise.</summary>
    [Alias("GetVerified"), ReadOnly]
    Task<VerifiedContact?> GetVerifiedAsync(string verificationId, string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Sends a user notice to this contact's address (the user's backup was made for it). A leaf: calls no grain.</summary>
    [Alias("Notify"), ReadOnly]
    Task<UserNoticeResult> NotifyAsync(UserNotice notice, CancellationToken cancellationToken = default);
}
