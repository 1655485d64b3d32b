using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Benchmarks.Load;

/// <summary>The ids of the users and devices the scale benchmark writes straight into storage: derived from the
/// user's number, in the shapes the silo makes (<c>dv_</c> and 22 base64url characters, <c>push_</c> and 16), so
/// the seeder and the load generator (another process) agree without a list of a million ids between them.</summary>
public static class SeededIds
{
    public static string UserId(int index) => "u" + index.ToString(CultureInfo.InvariantCulture);

    public static string DeviceId(int index) => "dv_" + Derive("device", index, 16)[..22];

    public static string MethodId(int index) => "push_" + Derive("method", index, 12)[..16];

    private static string Derive(string kind, int index, int bytes) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"pushauth-bench/{kind}/{index.ToString(CultureInfo.InvariantCulture)}")).AsSpan(0, bytes));
}
