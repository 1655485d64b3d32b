namespace PushAuth.Abstractions;

/// <summary>A device's encrypted backup, kept for a verified contact (docs/backup.md): make, replace, move and restore.
/// The push accounts a backup covers are the device's pairings, read here, never taken from the request.</summary>
public interface IBackupService
{
    /// <summary>The server's backup key to seal to, the KDF parameters to use, and the limits.</summary>
    Task<BackupParameters> ParametersAsync(CancellationToken cancellationToken = default);

    /// <summary>The largest blob accepted, in bytes (uploads may be larger than other request bodies by its base64).</summary>
    int MaxBlobBytes { get; }

    /// <summary>Backs up the device's accounts to the contact of <paramref name="verificationId"/>.</summary>
    Task<BackupSummary> CreateAsync(string deviceId, string? verificationId, BackupUploadRequest upload, bool replaceExisting, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>The owner replaces the contents (<paramref name="passcodeChange"/>: as a passcode change).</summary>
    Task<BackupSummary> ReplaceAsync(string deviceId, string backupId, BackupUploadRequest upload, bool passcodeChange, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>The owner moves the backup to the newly verified contact of <paramref name="verificationId"/>.</summary>
    Task<BackupSummary> ChangeContactAsync(string deviceId, string backupId, string? verificationId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Starts restoring the verified contact's backup onto a device that has no accounts.</summary>
    Task<RestoreParameters> BeginRestoreAsync(string deviceId, string? verificationId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Proves the passcode: wrong proofs are counted; a right one returns the blob and the sealed secret.</summary>
    Task<RestoreResult> UnlockAsync(string deviceId, string backupId, string? verificationId, string? proof, RequestOrigin origin, CancellationToken cancellationToken = default);
}
