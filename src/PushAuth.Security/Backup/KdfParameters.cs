namespace PushAuth.Security.Backup;

/// <summary>
/// The device's passcode KDF: Argon2id (RFC 9106) through libsodium. libsodium runs one lane, so the parallelism is
/// always 1. <see cref="Default"/> is 64 MiB and 3 passes (RFC 9106's second recommendation with one lane);
/// <see cref="Minimum"/> is OWASP's floor (19 MiB, 2 passes), the least a server accepts.
/// </summary>
public sealed record KdfParameters(string Algorithm, int MemoryKiB, int Iterations, int Parallelism)
{
    public const string Argon2id = "argon2id";

    /// <summary>The most memory a device may be asked to spend (1 GiB).</summary>
    public const int MaxMemoryKiB = 1024 * 1024;

    public const int MaxIterations = 16;

    public static KdfParameters Default { get; } = new(Argon2id, 64 * 1024, 3, 1);

    public static KdfParameters Minimum { get; } = new(Argon2id, 19 * 1024, 2, 1);

    /// <summary>Why these parameters are unacceptable when at least <paramref name="minimum"/> is required, or null.</summary>
    public string? Problem(KdfParameters minimum)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        if (!string.Equals(Algorithm, Argon2id, StringComparison.Ordinal))
        {
            return $"'kdf.algorithm' must be \"{Argon2id}\".";
        }
        if (Parallelism != 1)
        {
            return "'kdf.parallelism' must be 1 (libsodium's Argon2id runs one lane).";
        }
        if (MemoryKiB < minimum.MemoryKiB || MemoryKiB > MaxMemoryKiB)
        {
            return $"'kdf.memoryKiB' must be {minimum.MemoryKiB}..{MaxMemoryKiB}.";
        }
        if (Iterations < minimum.Iterations || Iterations > MaxIterations)
        {
            return $"'kdf.iterations' must be {minimum.Iterations}..{MaxIterations}.";
        }
        return null;
    }
}
