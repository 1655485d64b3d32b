using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Domain.Challenges;

/// <summary>Signs and checks webhook bodies: <c>v1=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>.</summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "PushAuth-Timestamp";
    public const string SignatureHeader = "PushAuth-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute, compare in constant time, and refuse stale timestamps.</summary>
    public static bool Verify(string secret, long unixSeconds, string body, string signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (Math.Abs(now.ToUnixTimeSeconds() - unixSeconds) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, unixSeconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
