namespace PushAuth.Abstractions;

/// <summary>The device's passcode KDF parameters (Argon2id; libsodium runs one lane).</summary>
[GenerateSerializer, Immutable, Alias("pa.BackupKdf")]
public sealed record BackupKdf(string Algorithm, int MemoryKiB, int Iterations, int Parallelism);
