using System.Security.Cryptography;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// The keys a benchmark's silos run with: made for the run, never stored, so the silos start under production's rules
/// (keys configured, none in the database). One set per benchmark process, so every silo of a run shares it.
/// </summary>
internal static class BenchKeys
{
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["PushAuth:Security:TotpKeys"] = "b1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PushAuth:Security:SessionKey"] = "b1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PushAuth:Backup:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PushAuth:History:ChainKeys"] = "b1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PushAuth:Oidc:SigningKeys"] = "b1:" + Convert.ToBase64String(RSA.Create(2048).ExportPkcs8PrivateKey()),
        ["PushAuth:Oidc:EncryptionKeys"] = "b1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        // The benchmark drives the silo over plain http on loopback.
        ["PushAuth:Oidc:AllowHttp"] = "true",
        ["PushAuth:History:CheckpointDirectory"] = Path.Combine(Path.GetTempPath(), "pushauth-bench-checkpoints-" + Guid.NewGuid().ToString("N")),
    };

    /// <summary>The keys as silo command-line arguments.</summary>
    public static IEnumerable<string> Arguments => Keys.Select(kv => $"--{kv.Key}={kv.Value}");
}
