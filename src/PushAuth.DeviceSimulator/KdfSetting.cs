using PushAuth.Security.Backup;

namespace PushAuth.DeviceSimulator;

/// <summary>Argon2id parameters as they travel.</summary>
public sealed record KdfSetting(string Algorithm, int MemoryKiB, int Iterations, int Parallelism)
{
    public KdfParameters ToParameters() => new(Algorithm, MemoryKiB, Iterations, Parallelism);

    public static KdfSetting From(KdfParameters p) => new(p.Algorithm, p.MemoryKiB, p.Iterations, p.Parallelism);
}
