namespace PushAuth.Abstractions;

/// <summary>Verifying an email address or mobile number for backups: a 6-digit code and an app link, sent after the
/// hashed code is saved; limited per contact, device and source address.</summary>
public interface IContactVerificationService
{
    /// <summary>Sends a code and a link under <paramref name="linkBase"/> to the address.</summary>
    Task<ContactVerificationStarted> StartAsync(string deviceId, string? channel, string? address, Uri linkBase, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>Verifies the contact with the typed code or the tapped link's token (exactly one).</summary>
    Task<ContactVerificationView> ConfirmAsync(string deviceId, string verificationId, string? code, string? linkToken, RequestOrigin origin,
        CancellationToken cancellationToken = default);
}
