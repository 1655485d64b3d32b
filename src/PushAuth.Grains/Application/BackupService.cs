using System.Buffers.Text;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Backup;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Application;

/// <summary>Backups and restores (<see cref="IBackupService"/>): the shape checks of an upload, the device's pairings as the
/// push accounts, and the backup grain of the contact.</summary>
internal sealed class BackupService(IGrainFactory grains, BackupKeyMaterial keys, IOptions<BackupOptions> options) : IBackupService
{
    private const int MaxAccountCount = 1000;

    public int MaxBlobBytes => options.Value.MaxBlobBytes;

    public async Task<BackupParameters> ParametersAsync(CancellationToken cancellationToken = default)
    {
        var server = await keys.ActiveAsync(cancellationToken);
        var o = options.Value;
        return new BackupParameters(server.KeyId, Base64Url.EncodeToString(server.SealingPublicKey), new BackupKdf(KdfParameters.Argon2id, o.KdfMemoryKiB, o.KdfIterations, 1),
            new BackupKdf(KdfParameters.Argon2id, o.MinKdfMemoryKiB, o.MinKdfIterations, 1), o.MaxBlobBytes, PasscodeRules.MinDigits, o.MaxFailedAttempts,
            o.AfterTooManyFailures.ToString());
    }

    public async Task<BackupSummary> CreateAsync(string deviceId, string? verificationId, BackupUploadRequest upload, bool replaceExisting, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var checkedUpload = Checked(upload);
        var contactKey = BackupIds.ContactOfVerification(verificationId)
            ?? throw ProblemCodes.Backup.ContactUnverified.Error("'verificationId' must be a verification of the email address or mobile number to back up to.");
        return await grains.GetGrain<IBackupGrain>(contactKey).CreateAsync(verificationId!, deviceId, await PushAccountsAsync(deviceId, cancellationToken), checkedUpload,
            replaceExisting, origin, cancellationToken);
    }

    public async Task<BackupSummary> ReplaceAsync(string deviceId, string backupId, BackupUploadRequest upload, bool passcodeChange, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var backup = Backup(backupId);
        var checkedUpload = Checked(upload);
        return await backup.ReplaceAsync(deviceId, await PushAccountsAsync(deviceId, cancellationToken), checkedUpload, passcodeChange, origin, cancellationToken);
    }

    public async Task<BackupSummary> ChangeContactAsync(string deviceId, string backupId, string? verificationId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var newContact = BackupIds.ContactOfVerification(verificationId)
            ?? throw ProblemCodes.Backup.ContactUnverified.Error("'verificationId' must be a verification of the new email address or mobile number.");
        // One-way: the old contact's grain hands the backup over (a read); the new one takes it and owes the old one its release.
        var transfer = await Backup(backupId).ExportForMoveAsync(deviceId, cancellationToken);
        return await grains.GetGrain<IBackupGrain>(newContact).AdoptAsync(transfer, verificationId!, deviceId, origin, cancellationToken);
    }

    public async Task<RestoreParameters> BeginRestoreAsync(string deviceId, string? verificationId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var contactKey = Verified(verificationId);
        return await grains.GetGrain<IBackupGrain>(contactKey).BeginRestoreAsync(verificationId!, deviceId, (await PushAccountsAsync(deviceId, cancellationToken)).Count, origin,
            cancellationToken);
    }

    public async Task<RestoreResult> UnlockAsync(string deviceId, string backupId, string? verificationId, string? proof, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var contactKey = Verified(verificationId);
        if (BackupIds.ContactOfBackup(backupId) != contactKey)
        {
            throw ProblemCodes.Backup.ContactUnverified.Error("The verification is not of the contact this backup is kept for.");
        }
        if (string.IsNullOrEmpty(proof))
        {
            throw ProblemCodes.Backup.ProofInvalid.Error("'proof' is required: the auth key sealed to the server's backup key.");
        }
        return await grains.GetGrain<IBackupGrain>(contactKey).UnlockAsync(verificationId!, deviceId, (await PushAccountsAsync(deviceId, cancellationToken)).Count, proof, origin,
            cancellationToken);
    }

    /// <summary>The device's pairings: the push accounts a backup covers, and what "at least one connected account" counts.</summary>
    private async Task<IReadOnlyList<BackupAccount>> PushAccountsAsync(string deviceId, CancellationToken cancellationToken) =>
        [.. (await grains.GetGrain<IDeviceGrain>(deviceId).GetPairedUsersAsync(cancellationToken)).Select(p => new BackupAccount(p.TenantId, p.UserId))];

    private IBackupGrain Backup(string backupId) =>
        grains.GetGrain<IBackupGrain>(BackupIds.ContactOfBackup(backupId) ?? throw ProblemCodes.Backup.NotFound.Error("No such backup for this device."));

    private static string Verified(string? verificationId) =>
        BackupIds.ContactOfVerification(verificationId)
            ?? throw ProblemCodes.Backup.ContactUnverified.Error("'verificationId' must be a verification of the email address or mobile number the backup is kept for.");

    /// <summary>Shape checks of an upload; the grain checks what needs the master key (the sealed enrollment).</summary>
    private BackupUpload Checked(BackupUploadRequest upload)
    {
        var o = options.Value;
        if (upload.AccountCount is not (>= 1 and <= MaxAccountCount))
        {
            throw ProblemCodes.Backup.AccountCountInvalid.Error($"'accountCount' must be 1..{MaxAccountCount}: the number of accounts in the backup.");
        }
        if (upload.Salt is not { Length: 22 } salt)
        {
            throw ProblemCodes.Backup.SaltInvalid.Error($"'salt' must be {PasscodeKeys.SaltSize} random bytes, base64url.");
        }
        var kdf = new KdfParameters(upload.Kdf.Algorithm, upload.Kdf.MemoryKiB, upload.Kdf.Iterations, upload.Kdf.Parallelism);
        if (kdf.Problem(new KdfParameters(KdfParameters.Argon2id, o.MinKdfMemoryKiB, o.MinKdfIterations, 1)) is { } problem)
        {
            throw ProblemCodes.Backup.KdfInvalid.Error(problem);
        }
        if (string.IsNullOrEmpty(upload.Enrollment))
        {
            throw ProblemCodes.Backup.EnrollmentInvalid.Error("'enrollment' is required: the auth key and a new secret sealed to the server's backup key.");
        }
        if (string.IsNullOrEmpty(upload.Blob))
        {
            throw ProblemCodes.Backup.BlobInvalid.Error("'blob' is required: the accounts encrypted on the device, base64url.");
        }
        // Compare the encoded length first, so an oversized blob is never decoded.
        if (upload.Blob.Length > ((o.MaxBlobBytes + 2) / 3 * 4) + 4)
        {
            throw ProblemCodes.Backup.BlobTooLarge.Error($"'blob' must be at most {o.MaxBlobBytes} bytes.");
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(upload.Blob);
        }
        catch (FormatException)
        {
            throw ProblemCodes.Backup.BlobInvalid.Error("'blob' must be base64url.");
        }
        if (bytes.Length > o.MaxBlobBytes)
        {
            throw ProblemCodes.Backup.BlobTooLarge.Error($"'blob' must be at most {o.MaxBlobBytes} bytes.");
        }
        if (!BackupBlobCipher.IsWellFormed(bytes))
        {
            throw ProblemCodes.Backup.BlobInvalid.Error("'blob' is not an encrypted backup (version 1: nonce, ciphertext and tag).");
        }
        return new BackupUpload(salt, new BackupKdf(kdf.Algorithm, kdf.MemoryKiB, kdf.Iterations, kdf.Parallelism), upload.Enrollment, upload.Blob, upload.AccountCount.Value);
    }
}
