using BenchmarkDotNet.Attributes;
using PushAuth.Security.Backup;

namespace PushAuth.Benchmarks.Backup;

/// <summary>The device's Argon2id over a passcode (libsodium, one lane), at the recommended parameters and at the floor
/// the server accepts. Slow by design: each guess by someone holding both the database and the master key costs this.</summary>
public class PasscodeKdfBenchmark
{
    private readonly byte[] _salt = PasscodeKeys.NewSalt();

    [Benchmark(Baseline = true, Description = "Argon2id 64 MiB, 3 passes (default)")]
    public byte[] DefaultParameters()
    {
        using var keys = PasscodeKeys.Derive("4711", _salt, KdfParameters.Default);
        return keys.AuthKey[..1];
    }

    [Benchmark(Description = "Argon2id 19 MiB, 2 passes (minimum)")]
    public byte[] MinimumParameters()
    {
        using var keys = PasscodeKeys.Derive("4711", _salt, KdfParameters.Minimum);
        return keys.AuthKey[..1];
    }
}
