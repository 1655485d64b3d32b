namespace PushAuth.Abstractions;

/// <summary>What a device needs to make a backup: the server's backup key (its id and X25519 sealing key, base64url), the
/// Argon2id parameters to use and the least accepted, and the limits.</summary>
public sealed record BackupParameters(string KeyId, string ServerKey, BackupKdf Kdf, BackupKdf MinimumKdf, int MaxBlobBytes, int MinPasscodeDigits,
    int MaxFailedAttempts, string AfterTooManyFailures);
