namespace PushAuth.DeviceSimulator;

/// <summary>What the server says about backups: its key to seal to, the KDF to use, the limits.</summary>
public sealed record BackupParameters(string KeyId, string ServerKey, KdfSetting Kdf, KdfSetting MinimumKdf, int MaxBlobBytes, int MinPasscodeDigits, int MaxFailedAttempts,
    string AfterTooManyFailures);
