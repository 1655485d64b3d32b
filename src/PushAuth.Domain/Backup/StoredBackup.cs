using PushAuth.Security.Backup;

namespace PushAuth.Domain.Backup;

/// <summary>
/// One backup as the server keeps it. Nothing here lets anyone test a passcode without the master key: the verifier is
/// an HMAC under a master-key-derived key, the secret is AES-GCM-wrapped under another, and the blob needs both the
/// passcode and the secret. <see cref="KeyId"/> names the master key they were made with.
/// </summary>
/// <param name="PushAccounts">The owner device's pairings when the backup was last written: the push accounts whose
/// pairing moves to a restoring device, and the tenants whose history the backup's events join.</param>
public sealed record StoredBackup(
    string OwnerDeviceId,
    string Channel,
    string MaskedContact,
    string Salt,
    KdfParameters Kdf,
    string Verifier,
    string WrappedSecret,
    string KeyId,
    string Blob,
    int AccountCount,
    IReadOnlyList<BackupAccountRef> PushAccounts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset PasscodeChangedAt,
    int FailedAttempts,
    bool Locked,
    DateTimeOffset? LastRestoredAt,
    string? LastRestoredDeviceId)
{
    /// <summary>A backup written now by <paramref name="ownerDeviceId"/> to a contact: no failed attempts, never restored.</summary>
    public static StoredBackup New(string ownerDeviceId, string channel, string maskedContact, BackupSecrets secrets, BackupContents contents, DateTimeOffset now) =>
        new(ownerDeviceId, channel, maskedContact, secrets.Salt, secrets.Kdf, secrets.Verifier, secrets.WrappedSecret, secrets.KeyId, contents.Blob,
            contents.AccountCount, contents.PushAccounts, CreatedAt: now, UpdatedAt: now, PasscodeChangedAt: now, FailedAttempts: 0, Locked: false,
            LastRestoredAt: null, LastRestoredDeviceId: null);
}

/// <summary>What protects a backup: the passcode's salt and KDF, the verifier and wrapped secret, the master key's id.</summary>
public sealed record BackupSecrets(string Salt, KdfParameters Kdf, string Verifier, string WrappedSecret, string KeyId);

/// <summary>What a backup holds: the encrypted blob, how many accounts it says it has, and the push accounts it covers.</summary>
public sealed record BackupContents(string Blob, int AccountCount, IReadOnlyList<BackupAccountRef> PushAccounts);

/// <summary>A user of a tenant the owner device was paired with.</summary>
public sealed record BackupAccountRef(string TenantId, string UserId);

/// <summary>Why the contact holds no backup any more.</summary>
/// <param name="Reason"><c>destroyed</c> (too many wrong passcodes), <c>deleted</c> (by its owner), <c>moved</c> (to another contact).</param>
public sealed record BackupTombstone(string Reason, DateTimeOffset At);
