using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// The string a device signs for every request it makes:
/// <c>PA1\n{METHOD}\n{path?query}\n{unix seconds}\n{base64url SHA-256 of body}\n{deviceId}\n{nonce}</c>.
/// Every field is checked not to contain a line break, so nothing can move from one field to another.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>The version tag that starts every canonical request.</summary>
    public const string VersionTag = "PA1";

    /// <summary>Builds the canonical string from the raw body bytes.</summary>
    /// <exception cref="ArgumentException">A field is empty or contains a line break.</exception>
    public static string Build(string method, string pathAndQuery, long unixTimeSeconds, ReadOnlySpan<byte> body, string deviceId, string nonce) =>
        BuildWithBodyHash(method, pathAndQuery, unixTimeSeconds, HashBody(body), deviceId, nonce);

    /// <summary>Builds the canonical string from an already computed body hash (see <see cref="HashBody"/>).</summary>
    /// <exception cref="ArgumentException">A field is empty or contains a line break.</exception>
    public static string BuildWithBodyHash(string method, string pathAndQuery, long unixTimeSeconds, string bodyHash, string deviceId, string nonce)
    {
        ArgumentNullException.ThrowIfNull(method);
        return CanonicalFields.Join(
            ("tag", VersionTag, false),
            (nameof(method), method.ToUpperInvariant(), false),
            (nameof(pathAndQuery), pathAndQuery, false),
            (nameof(unixTimeSeconds), unixTimeSeconds.ToString(CultureInfo.InvariantCulture), false),
            (nameof(bodyHash), bodyHash, false),
            (nameof(deviceId), deviceId, false),
            (nameof(nonce), nonce, false));
    }

    /// <summary>Base64url (no padding) SHA-256 of a request body; an empty body hashes too.</summary>
    public static string HashBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Base64Url.EncodeToString(hash);
    }
}
