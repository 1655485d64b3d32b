using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Security;

/// <summary>
/// Secrets that the server only needs to recognise, stored as hashes:
/// API keys (256 random bits, so a plain SHA-256 suffices) and short temporary codes
/// (few bits, so an HMAC with a server-side pepper keeps a stolen table from being brute-forced offline).
/// All comparisons are constant-time.
/// </summary>
public static class SecretHasher
{
    /// <summary>The prefix of every API key.</summary>
    public const string ApiKeyPrefix = "pak_";

    /// <summary>Length of the public lookup id (48 bits of the key's random part).</summary>
    public const int PrefixIdLength = 8;

    /// <summary>Default length of a temporary code.</summary>
    public const int DefaultTemporaryCodeDigits = 8;

    private const int ApiKeyRandomBytes = 32;
    private const int ApiKeyEncodedLength = 43;

    /// <summary>Creates a new API key with its lookup id and storage hash.</summary>
    public static GeneratedApiKey GenerateApiKey()
    {
        Span<byte> random = stackalloc byte[ApiKeyRandomBytes];
        RandomNumberGenerator.Fill(random);
        var key = ApiKeyPrefix + Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);
        return new GeneratedApiKey(key, key.Substring(ApiKeyPrefix.Length, PrefixIdLength), HashApiKey(key));
    }

    /// <summary>Extracts the lookup id from a presented key; false when the key is not shaped like an API key.</summary>
    public static bool TryGetApiKeyPrefixId(string? apiKey, [NotNullWhen(true)] out string? prefixId)
    {
        prefixId = null;
        if (apiKey is null
            || apiKey.Length != ApiKeyPrefix.Length + ApiKeyEncodedLength
            || !apiKey.StartsWith(ApiKeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in apiKey.AsSpan(ApiKeyPrefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        prefixId = apiKey.Substring(ApiKeyPrefix.Length, PrefixIdLength);
        return true;
    }

    /// <summary>Base64url SHA-256 of the UTF-8 key.</summary>
    public static string HashApiKey(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    /// <summary>Checks a presented key against the stored hash in constant time.</summary>
    public static bool VerifyApiKey(string? apiKey, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return apiKey is not null && FixedTimeEquals(HashApiKey(apiKey), storedHash);
    }

    /// <summary>A uniform random numeric code of <paramref name="digits"/> digits (each digit drawn by rejection sampling).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> outside 4..16.</exception>
    public static string GenerateNumericCode(int digits = DefaultTemporaryCodeDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 16);
        return string.Create(digits, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
    }

    /// <summary>Base64url HMAC-SHA256(pepper, code) of the normalized code (spaces and hyphens removed).</summary>
    /// <exception cref="ArgumentException">The pepper is shorter than 16 bytes.</exception>
    public static string HashTemporaryCode(ReadOnlySpan<byte> pepper, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        return Base64Url.EncodeToString(HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes(NormalizeCode(code))));
    }

    /// <summary>Checks a presented temporary code against the stored hash in constant time; malformed input is false.</summary>
    public static bool VerifyTemporaryCode(ReadOnlySpan<byte> pepper, string? code, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        if (code is null || code.Length > 64)
        {
            return false;
        }

        return FixedTimeEquals(HashTemporaryCode(pepper, code), storedHash);
    }

    private static string NormalizeCode(string code) =>
        code.AsSpan().IndexOfAny(' ', '-') < 0 ? code : code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
