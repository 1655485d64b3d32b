namespace PushAuth.DeviceSimulator;

/// <summary>The salt and parameters a restoring device derives its proof with, and the key it seals it to.</summary>
public sealed record RestoreStart(string BackupId, string Salt, KdfSetting Kdf, string KeyId, string ServerKey, int AttemptsLeft, int AccountCount, DateTimeOffset UpdatedAt);
