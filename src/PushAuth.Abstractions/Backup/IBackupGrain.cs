namespace PushAuth.Abstractions;

/// <summary>
/// The backup held for one verified contact (key: the contact's keyed hash, so the key names no address). It keeps an
/// opaque blob, the per-backup secret wrapped under the master key and a passcode verifier keyed with it, counts wrong
/// proofs (10, then locked or destroyed) and releases the secret only for a correct proof. Calls one grain, awaited:
/// the contact's <see cref="IContactVerificationGrain"/> (a read); everything that flows elsewhere — revoking the old
/// device's pairings, telling the old device, releasing a moved backup — is owed and handed out after its write.
/// </summary>
[Alias("pa.IBackupGrain")]
public interface IBackupGrain : IGrainWithStringKey
{
    /// <summary>Creates the contact's backup for a device that verified the contact and is paired with
    /// <paramref name="pushAccounts"/> (at least one). Another device's backup is replaced only with <paramref name="replaceExisting"/>.</summary>
    [Alias("Create")]
    Task<BackupSummary> CreateAsync(string verificationId, string deviceId, IReadOnlyList<BackupAccount> pushAccounts, BackupUpload upload, bool replaceExisting,
        RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The owner replaces the contents (<paramref name="passcodeChange"/>: as a passcode change): new salt, verifier,
    /// wrapped secret and blob; <paramref name="pushAccounts"/> replace the listed ones unless empty (a device that restored
    /// and has not paired again keeps the backup's). Not found for any other device.</summary>
    [Alias("Replace")]
    Task<BackupSummary> ReplaceAsync(string deviceId, IReadOnlyList<BackupAccount> pushAccounts, BackupUpload upload, bool passcodeChange, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>The backup for its owner device, else null.</summary>
    [Alias("Get"), ReadOnly]
    Task<BackupSummary?> GetAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>The owner deletes the backup.</summary>
    [Alias("Delete")]
    Task DeleteAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A device that verified the contact starts a restore: the salt and parameters to derive its proof with.
    /// Refused when the device already has accounts (<paramref name="deviceAccounts"/>): restore never overwrites.</summary>
    [Alias("BeginRestore")]
    Task<RestoreParameters> BeginRestoreAsync(string verificationId, string deviceId, int deviceAccounts, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Checks a sealed unlock proof: wrong ones are counted; a right one releases the blob and the sealed secret,
    /// makes the device the owner, and owes the revocation of the old device's push pairings and a notice to it.</summary>
    [Alias("Unlock")]
    Task<RestoreResult> UnlockAsync(string verificationId, string deviceId, int deviceAccounts, string proof, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The owner moves the backup to another verified contact: this grain hands it over (a read)…</summary>
    [Alias("ExportForMove"), ReadOnly]
    Task<BackupTransfer> ExportForMoveAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>… the new contact's grain takes it and owes the old one <see cref="ReleaseMovedAsync"/>.</summary>
    [Alias("Adopt")]
    Task<BackupSummary> AdoptAsync(BackupTransfer transfer, string verificationId, string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The backup with <paramref name="salt"/> now lives under <paramref name="newBackupId"/>; idempotent.</summary>
    [Alias("ReleaseMoved")]
    Task ReleaseMovedAsync(string salt, string newBackupId, CancellationToken cancellationToken = default);
}
