namespace PushAuth.Abstractions;

/// <summary>A backup moving to a newly verified contact: everything the old contact's grain held, bound to the salt
/// (not the contact), so it stays valid under its new key.</summary>
[GenerateSerializer, Immutable, Alias("pa.BackupTransfer")]
public sealed record BackupTransfer(
    string FromContactKey,
    string OwnerDeviceId,
    string Salt,
    BackupKdf Kdf,
    string Verifier,
    string WrappedSecret,
    string KeyId,
    string Blob,
    int AccountCount,
    IReadOnlyList<BackupAccount> PushAccounts,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasscodeChangedAt,
    int FailedAttempts);
