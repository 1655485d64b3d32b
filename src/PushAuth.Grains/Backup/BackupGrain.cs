using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Backup;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Storage;
using PushAuth.History;
using PushAuth.Security.Backup;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Backup;

/// <summary>
/// One contact's backup (docs/backup.md). Load, decide with <see cref="BackupRules"/>, save once, hand out what is owed.
/// The crypto is the master key's (<see cref="BackupServerKeys"/>): open what the device sealed, check or make the
/// verifier, wrap or unwrap the secret. Events join the history of every tenant the backup's push accounts belong to
/// (with the user), or <c>_devices</c> when there is no backup to name them.
/// </summary>
internal partial class BackupGrain(
    [PersistentState("backup", StorageNames.Default)] IPersistentState<BackupState> state,
    EffectDelivery effects,
    BackupKeyMaterial keys,
    AuditTrail audit,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupGrain> logger) : OwingGrain<BackupState>(state, effects), IBackupGrain
{
    private const int EnrollmentPlaintextSize = 2 * PasscodeKeys.KeySize;

    protected override string GrainTypeName => "backup";

    private string ContactKey => this.GetPrimaryKeyString();

    private string BackupId => BackupIds.Backup(ContactKey);

    protected override BackupState WithOwed(BackupState s, OwedEffects owed) => s with { Owed = owed };

    public async Task<BackupSummary> CreateAsync(string verificationId, string deviceId, IReadOnlyList<BackupAccount> pushAccounts, BackupUpload upload, bool replaceExisting,
        RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var contact = await VerifiedAsync(verificationId, deviceId, HistoryActivities.BackupCreate, origin, cancellationToken);
        var existing = Persisted.State.Backup;
        if (pushAccounts.Count == 0)
        {
            Refused(null, HistoryActivities.BackupCreate, "no-connected-account", deviceId, origin, contact.MaskedAddress);
            throw ProblemCodes.Backup.NoConnectedAccount.Error("A backup needs at least one connected account: pair this device with an account first.");
        }
        if (existing is not null && existing.OwnerDeviceId != deviceId && !replaceExisting)
        {
            Refused(existing, HistoryActivities.BackupCreate, "exists", deviceId, origin, null);
            throw ProblemCodes.Backup.Exists.Error("This contact already holds a backup made on another device: restore it, or replace it with replaceExisting=true.");
        }
        var server = await keys.ActiveAsync(cancellationToken);
        var now = time.GetUtcNow();
        var record = Enroll(server, deviceId, contact.Channel, contact.MaskedAddress, pushAccounts, upload, now) with { CreatedAt = now, PasscodeChangedAt = now };
        var s = Persisted.State;
        var owed = s.Owed.Plus(Events(record, existing is null ? HistoryActivities.BackupCreated : HistoryActivities.BackupReplaced, "saved", deviceId, origin,
            $"accounts={record.AccountCount}; pushAccounts={record.PushAccounts.Count}; kdf=argon2id/{record.Kdf.MemoryKiB}KiB/{record.Kdf.Iterations}"));
        if (existing is not null && existing.OwnerDeviceId != deviceId)
        {
            owed = owed.Plus(Events(existing, HistoryActivities.BackupReplaced, "replaced-by-another-device", deviceId, origin, $"previousOwner={existing.OwnerDeviceId}"))
                .Plus(Notice(OwedNotice.Kinds.BackupReplaced, existing.OwnerDeviceId, BackupId, deviceId));
        }
        await SaveAsync(s with { Backup = record, Tombstone = null, Owed = owed.Plus(LinkContact(record.PushAccounts)) }, cancellationToken);
        return Summary(record);
    }

    public async Task<BackupSummary> ReplaceAsync(string deviceId, IReadOnlyList<BackupAccount> pushAccounts, BackupUpload upload, bool passcodeChange, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var existing = Owned(deviceId);
        var activity = passcodeChange ? HistoryActivities.BackupPasscodeChanged : HistoryActivities.BackupUpdated;
        // A device that restored and has not paired again yet still holds the backup's push accounts (needing a fresh
        // proof): they stay listed, so a later restore still moves them and the owner may change the passcode meanwhile.
        if (pushAccounts.Count == 0)
        {
            pushAccounts = [.. existing.PushAccounts.Select(a => new BackupAccount(a.TenantId, a.UserId))];
        }
        var server = await keys.ActiveAsync(cancellationToken);
        var now = time.GetUtcNow();
        // New salt, verifier and secret, wrapped afresh; the count starts again and a lock is lifted: the owner chose a passcode.
        var record = Enroll(server, deviceId, existing.Channel, existing.MaskedContact, pushAccounts, upload, now) with
        {
            CreatedAt = existing.CreatedAt,
            PasscodeChangedAt = passcodeChange ? now : existing.PasscodeChangedAt,
            LastRestoredAt = existing.LastRestoredAt,
            LastRestoredDeviceId = existing.LastRestoredDeviceId,
        };
        var s = Persisted.State;
        await SaveAsync(s with
        {
            Backup = record,
            Owed = s.Owed.Plus(Events(record, activity, "saved", deviceId, origin, $"accounts={record.AccountCount}; pushAccounts={record.PushAccounts.Count}"))
                .Plus(LinkContact(record.PushAccounts)),
        }, cancellationToken);
        return Summary(record);
    }

    public Task<BackupSummary?> GetAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Persisted.State.Backup is { } b && b.OwnerDeviceId == deviceId ? Summary(b) : null);

    public async Task DeleteAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var existing = Owned(deviceId);
        var s = Persisted.State;
        await SaveAsync(s with
        {
            Backup = null,
            Tombstone = new BackupTombstone("deleted", time.GetUtcNow()),
            Owed = s.Owed.Plus(Events(existing, HistoryActivities.BackupDeleted, "deleted", deviceId, origin, null)).Plus(UnlinkContact(existing.PushAccounts)),
        }, cancellationToken);
    }

    public async Task<RestoreParameters> BeginRestoreAsync(string verificationId, string deviceId, int deviceAccounts, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        await VerifiedAsync(verificationId, deviceId, HistoryActivities.BackupRestore, origin, cancellationToken);
        var b = Restorable(deviceId, deviceAccounts, origin);
        var server = await ServerKeysFor(b, cancellationToken);
        Refused(b, HistoryActivities.BackupRestore, "started", deviceId, origin, null);
        return new RestoreParameters(BackupId, b.Salt, Kdf(b.Kdf), server.KeyId, Base64Url.EncodeToString(server.SealingPublicKey),
            BackupRules.AttemptsLeft(b, options.Value.MaxFailedAttempts), b.AccountCount, b.UpdatedAt);
    }

    public async Task<RestoreResult> UnlockAsync(string verificationId, string deviceId, int deviceAccounts, string proof, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        await VerifiedAsync(verificationId, deviceId, HistoryActivities.BackupUnlock, origin, cancellationToken);
        var b = Restorable(deviceId, deviceAccounts, origin);
        var server = await ServerKeysFor(b, cancellationToken);
        var context = BackupContexts.Unlock(deviceId, BackupId, verificationId, b.Salt);
        var salt = Base64Url.DecodeFromChars(b.Salt);
        var authKey = Decode(proof, 256) is { } sealedProof ? server.Open(context, sealedProof, out var responseKey) : (responseKey = null);
        if (authKey is not { Length: PasscodeKeys.KeySize } || responseKey is null)
        {
            // Not a guess at the passcode (it does not even open): refused, not counted.
            Refused(b, HistoryActivities.BackupUnlock, "invalid-proof", deviceId, origin, null);
            throw ProblemCodes.Backup.ProofInvalid.Error("'proof' must be the auth key sealed to the server's backup key for this device, backup, verification and salt.");
        }
        var now = time.GetUtcNow();
        var s = Persisted.State;
        try
        {
            if (!server.VerifierMatches(salt, authKey, b.Verifier))
            {
                var o = options.Value;
                var (next, outcome) = BackupRules.Wrong(s, o.MaxFailedAttempts, o.AfterTooManyFailures == BackupFailurePolicy.Destroy, now);
                var failed = b.FailedAttempts + 1;
                var owed = next.Owed.Plus(Events(b, HistoryActivities.BackupUnlock, "wrong-passcode", deviceId, origin, $"failedAttempts={failed}"));
                if (outcome != BackupUnlockOutcome.Counted)
                {
                    owed = owed.Plus(Events(b, outcome == BackupUnlockOutcome.Destroyed ? HistoryActivities.BackupDestroyed : HistoryActivities.BackupLocked, "too-many-wrong-passcodes", deviceId, origin,
                        $"failedAttempts={failed}; policy={o.AfterTooManyFailures}"));
                    LogTooManyWrongPasscodes(BackupId[..12], failed, o.AfterTooManyFailures);
                }
                await SaveAsync(next with { Owed = owed }, cancellationToken);
                throw outcome switch
                {
                    BackupUnlockOutcome.Destroyed => ProblemCodes.Backup.Destroyed.Error($"Wrong passcode. After {failed} wrong passcodes the backup was destroyed."),
                    BackupUnlockOutcome.Locked => ProblemCodes.Backup.Locked.Error($"Wrong passcode. After {failed} wrong passcodes the backup is locked."),
                    _ => ProblemCodes.Backup.PasscodeWrong.Error($"Wrong passcode; {o.MaxFailedAttempts - failed} attempts left before the backup is {(o.AfterTooManyFailures == BackupFailurePolicy.Destroy ? "destroyed" : "locked")}."),
                };
            }
            var secret = server.UnwrapSecret(salt, b.WrappedSecret)
                ?? throw ProblemCodes.Backup.KeyUnavailable.Error("The backup cannot be opened with the server's key; the operator must restore the master key.");
            var sealedSecret = BackupSeal.SealResponse(responseKey, context, secret);
            CryptographicOperations.ZeroMemory(secret);
            var restored = BackupRules.Restored(s, deviceId, now);
            var previous = b.OwnerDeviceId;
            var owedOnSuccess = restored.Owed.Plus(Events(b, HistoryActivities.BackupRestored, "restored", deviceId, origin,
                $"previousDevice={previous}; pushAccountsNeedingProof={b.PushAccounts.Count}; wrongAttemptsBefore={b.FailedAttempts}"));
            if (previous != deviceId)
            {
                // The old device's push credentials for these accounts are bound to it: they are revoked, and it is told.
                owedOnSuccess = owedOnSuccess.Plus(OwedEffects.Of(
                    b.PushAccounts.Select(a => new OwedNotice(EffectIds.New(), OwedNotice.Kinds.RestoreRevokesDevice, GrainKeys.User(a.TenantId, a.UserId), previous, deviceId))))
                    .Plus(Notice(OwedNotice.Kinds.BackupRestored, previous, BackupId, deviceId));
            }
            await SaveAsync(restored with { Owed = owedOnSuccess }, cancellationToken);
            return new RestoreResult(BackupId, b.Blob, Base64Url.EncodeToString(sealedSecret), b.AccountCount, [.. b.PushAccounts.Select(a => new BackupAccount(a.TenantId, a.UserId))]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authKey);
            CryptographicOperations.ZeroMemory(responseKey);
        }
    }

    public Task<BackupTransfer> ExportForMoveAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var b = Owned(deviceId);
        return Task.FromResult(new BackupTransfer(ContactKey, b.OwnerDeviceId, b.Salt, Kdf(b.Kdf), b.Verifier, b.WrappedSecret, b.KeyId, b.Blob, b.AccountCount,
            [.. b.PushAccounts.Select(a => new BackupAccount(a.TenantId, a.UserId))], b.CreatedAt, b.PasscodeChangedAt, b.FailedAttempts));
    }

    public async Task<BackupSummary> AdoptAsync(BackupTransfer transfer, string verificationId, string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var contact = await VerifiedAsync(verificationId, deviceId, HistoryActivities.BackupContactChange, origin, cancellationToken);
        if (transfer.FromContactKey == ContactKey)
        {
            throw ProblemCodes.Backup.ContactUnchanged.Error("The backup is already kept for this contact.");
        }
        var s = Persisted.State;
        if (s.Backup is { } here)
        {
            if (here.Salt == transfer.Salt)
            {
                return Summary(here);
            }
            if (here.OwnerDeviceId != deviceId)
            {
                Refused(here, HistoryActivities.BackupContactChange, "exists", deviceId, origin, null);
                throw ProblemCodes.Backup.Exists.Error("The new contact already holds a backup made on another device.");
            }
        }
        var now = time.GetUtcNow();
        // A moved backup keeps its age, its passcode's age and its failed attempts: moving must not reset a guesser's count.
        var record = StoredBackup.New(deviceId, contact.Channel, contact.MaskedAddress,
            new BackupSecrets(transfer.Salt, Parameters(transfer.Kdf), transfer.Verifier, transfer.WrappedSecret, transfer.KeyId),
            new BackupContents(transfer.Blob, transfer.AccountCount, Refs(transfer.PushAccounts)), now)
            with { CreatedAt = transfer.CreatedAt, PasscodeChangedAt = transfer.PasscodeChangedAt, FailedAttempts = transfer.FailedAttempts };
        await SaveAsync(s with
        {
            Backup = record,
            Tombstone = null,
            Owed = s.Owed.Plus(Events(record, HistoryActivities.BackupContactChanged, "moved", deviceId, origin, $"from={BackupIds.Backup(transfer.FromContactKey)[..12]}…"))
                .Plus(OwedEffects.Of(new OwedNotice(EffectIds.New(), OwedNotice.Kinds.BackupMoved, transfer.FromContactKey, transfer.Salt, BackupId)))
                .Plus(LinkContact(record.PushAccounts)),
        }, cancellationToken);
        return Summary(record);
    }

    public async Task ReleaseMovedAsync(string salt, string newBackupId, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (s.Backup?.Salt == salt)
        {
            await SaveAsync(s with { Backup = null, Tombstone = new BackupTombstone("moved", time.GetUtcNow()) }, cancellationToken);
        }
    }

    /// <summary>The device verified this contact (through this grain's own contact-verification grain, a leaf).</summary>
    private async Task<VerifiedContact> VerifiedAsync(string verificationId, string deviceId, string activity, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var contact = BackupIds.ContactOfVerification(verificationId) == ContactKey
            ? await GrainFactory.GetGrain<IContactVerificationGrain>(ContactKey).GetVerifiedAsync(verificationId, deviceId, cancellationToken)
            : null;
        if (contact is null)
        {
            audit.Refused([DeviceEvent(activity, "contact-unverified", deviceId, origin)]);
            throw ProblemCodes.Backup.ContactUnverified.Error("Verify the email address or mobile number first: a verification is good for backup and restore for 15 minutes after its code.");
        }
        return contact;
    }

    /// <summary>The backup a restore may proceed with, or the refusal (audited).</summary>
    private StoredBackup Restorable(string deviceId, int deviceAccounts, RequestOrigin origin)
    {
        var s = Persisted.State;
        if (BackupRules.RestoreProblem(s, deviceAccounts) is not { } refusal)
        {
            return s.Backup!;
        }
        Refused(s.Backup, HistoryActivities.BackupRestore, refusal.Code, deviceId, origin, $"deviceAccounts={deviceAccounts}");
        throw refusal.Error(refusal == ProblemCodes.Backup.DeviceHasAccounts ? "This device already has accounts; restore never overwrites them. Remove them first."
            : refusal == ProblemCodes.Backup.Destroyed ? "The backup was destroyed after too many wrong passcodes."
            : refusal == ProblemCodes.Backup.Locked ? "The backup is locked after too many wrong passcodes."
            : "No backup is kept for this contact.");
    }

    private async Task<BackupServerKeys> ServerKeysFor(StoredBackup b, CancellationToken cancellationToken)
    {
        if (await keys.FindAsync(b.KeyId, cancellationToken) is { } server)
        {
            return server;
        }
        // A master key the silo does not have (not even among the retired ones): every proof would look wrong. Refuse, never count.
        LogMasterKeyMismatch(BackupId[..12], b.KeyId, (await keys.ActiveAsync(cancellationToken)).KeyId);
        throw ProblemCodes.Backup.KeyUnavailable.Error("The backup was made under another master key than the server has; the operator must configure it.");
    }

    private StoredBackup Owned(string deviceId) =>
        Persisted.State.Backup is { } b && b.OwnerDeviceId == deviceId ? b : throw ProblemCodes.Backup.NotFound.Error("No such backup for this device.");

    private static StoredBackup Enroll(BackupServerKeys server, string deviceId, string channel, string masked, IReadOnlyList<BackupAccount> pushAccounts, BackupUpload upload, DateTimeOffset now)
    {
        var salt = Decode(upload.Salt, 64);
        var sealedEnrollment = Decode(upload.Enrollment, 512);
        if (salt is not { Length: PasscodeKeys.SaltSize })
        {
            throw ProblemCodes.Backup.SaltInvalid.Error($"'salt' must be {PasscodeKeys.SaltSize} random bytes, base64url.");
        }
        var plaintext = sealedEnrollment is null ? null : server.Open(BackupContexts.Enroll(deviceId, upload.Salt), sealedEnrollment, out _);
        if (plaintext is not { Length: EnrollmentPlaintextSize })
        {
            throw ProblemCodes.Backup.EnrollmentInvalid.Error("'enrollment' must be the auth key and a new 32-byte secret sealed to the server's backup key for this device and salt.");
        }
        try
        {
            return StoredBackup.New(deviceId, channel, masked,
                new BackupSecrets(upload.Salt, Parameters(upload.Kdf), server.ComputeVerifier(salt, plaintext.AsSpan(0, PasscodeKeys.KeySize)),
                    server.WrapSecret(salt, plaintext.AsSpan(PasscodeKeys.KeySize)), server.KeyId),
                new BackupContents(upload.Blob, upload.AccountCount, Refs(pushAccounts)), now);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private BackupSummary Summary(StoredBackup b) =>
        new(BackupId, b.Channel, b.MaskedContact, b.CreatedAt, b.UpdatedAt, b.PasscodeChangedAt, b.AccountCount, b.PushAccounts.Count, b.Locked ? "Locked" : "Active",
            BackupRules.AttemptsLeft(b, options.Value.MaxFailedAttempts), b.LastRestoredAt);

    private static BackupKdf Kdf(KdfParameters k) => new(k.Algorithm, k.MemoryKiB, k.Iterations, k.Parallelism);

    private static KdfParameters Parameters(BackupKdf k) => new(k.Algorithm, k.MemoryKiB, k.Iterations, k.Parallelism);

    private static List<BackupAccountRef> Refs(IEnumerable<BackupAccount> accounts) => [.. accounts.Select(a => new BackupAccountRef(a.TenantId, a.UserId))];

    private static byte[]? Decode(string? value, int maxChars)
    {
        if (value is null || value.Length > maxChars)
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The covered users' notices (a temporary code, a revocation) go to this verified contact from now on.</summary>
    private OwedEffects LinkContact(IEnumerable<BackupAccountRef> accounts) =>
        OwedEffects.Of(accounts.Select(a => new OwedNotice(EffectIds.New(), OwedNotice.Kinds.NoticeContact, GrainKeys.User(a.TenantId, a.UserId), ContactKey)));

    private OwedEffects UnlinkContact(IEnumerable<BackupAccountRef> accounts) =>
        OwedEffects.Of(accounts.Select(a => new OwedNotice(EffectIds.New(), OwedNotice.Kinds.NoticeContact, GrainKeys.User(a.TenantId, a.UserId), "", ContactKey)));

    private static OwedEffects Notice(string kind, string target, string subject, string detail) =>
        OwedEffects.Of(new OwedNotice(EffectIds.New(), kind, target, subject, detail));

    /// <summary>An attempt that changed nothing: appended without a write, to the backup's tenants (or <c>_devices</c>).</summary>
    private void Refused(StoredBackup? b, string activity, string status, string deviceId, RequestOrigin origin, string? remarks) =>
        audit.Refused(Events(b, activity, status, deviceId, origin, remarks).History);

    /// <summary>One event per push account of the backup (each tenant's history, with its user); <c>_devices</c> when there is none.</summary>
    private OwedEffects Events(StoredBackup? b, string activity, string status, string deviceId, RequestOrigin origin, string? remarks)
    {
        var now = time.GetUtcNow();
        var details = $"backup={BackupId[..12]}…" + (b is null ? "" : $"; contact={b.Channel}:{b.MaskedContact}") + (remarks is null ? "" : "; " + remarks);
        if (b is null || b.PushAccounts.Count == 0)
        {
            return new OwedEffects { History = [DeviceEvent(activity, status, deviceId, origin, details)] };
        }
        return new OwedEffects
        {
            History = [.. b.PushAccounts.Select(a => HistoryEvents.Of(now, a.TenantId, a.UserId, deviceId, activity, "backup", status, origin,
                deviceId: deviceId, remarks: details, correlationId: BackupId))],
        };
    }

    private HistoryEvent DeviceEvent(string activity, string status, string deviceId, RequestOrigin origin, string? details = null) =>
        HistoryEvents.Of(time.GetUtcNow(), HistoryTenants.Devices, null, deviceId, activity, "backup", status, origin, deviceId: deviceId,
            remarks: details ?? $"backup={BackupId[..12]}…", correlationId: BackupId);

    [LoggerMessage(EventId = LogEvents.BackupTooManyWrongPasscodes, Level = LogLevel.Warning, Message = "Backup {BackupRef} reached {FailedAttempts} wrong passcodes: {Policy}")]
    private partial void LogTooManyWrongPasscodes(string backupRef, int failedAttempts, BackupFailurePolicy policy);

    [LoggerMessage(EventId = LogEvents.BackupMasterKeyMismatch, Level = LogLevel.Critical, Message = "Backup {BackupRef} was made under master key {BackupKeyId} but the silo has {SiloKeyId}; unlocks are refused until the right PushAuth:Backup:MasterKey is configured")]
    private partial void LogMasterKeyMismatch(string backupRef, string backupKeyId, string siloKeyId);
}
