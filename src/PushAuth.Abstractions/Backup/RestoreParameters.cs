namespace PushAuth.Abstractions;

/// <summary>What a restoring device needs to derive its proof: the backup's salt and KDF parameters and the server's
/// backup key to seal it to.</summary>
[GenerateSerializer, Immutable, Alias("pa.RestoreParameters")]
public sealed record RestoreParameters(string BackupId, string Salt, BackupKdf Kdf, string KeyId, string ServerKey, int AttemptsLeft, int AccountCount, DateTimeOffset UpdatedAt);
