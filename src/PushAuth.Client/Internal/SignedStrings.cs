using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace PushAuth.Client.Internal;

/// <summary>
/// The strings a device signs, field by field as the silo rebuilds them to verify (README "Signing"). Fields are joined
/// with '\n', so none may hold a line break: a field could otherwise move into the next one. The silo's own builders
/// (PushAuth.Security) are the reference; the client's tests check both give the same bytes.
/// </summary>
internal static class SignedStrings
{
    public static string Registration(string nonce, string publicKeySpki) => Join("PA2-REGISTER", nonce, publicKeySpki);

    public static string Session(string deviceId, string nonce) => Join("PA1-SESSION", deviceId, nonce);

    /// <summary><c>PA1\n{METHOD}\n{path?query}\n{unix seconds}\n{base64url SHA-256 of body}\n{deviceId}\n{nonce}</c>.</summary>
    public static string Request(string method, string pathAndQuery, long unixTimeSeconds, ReadOnlySpan<byte> body, string deviceId, string nonce) =>
        Join("PA1", method.ToUpperInvariant(), pathAndQuery, unixTimeSeconds.ToString(CultureInfo.InvariantCulture), HashBody(body), deviceId, nonce);

    public static string PairingConfirmation(string pairingId, string nonce, string decision, string deviceId) =>
        Join("PA1-PAIR", pairingId, nonce, decision, deviceId);

    /// <summary>Version 2 covers the deny reason (lowercase, as sent), so a captured decline cannot become a fraud report;
    /// the number and the reason are empty when absent.</summary>
    public static string ChallengeAnswer(string challengeId, string nonce, string decision, string? numberAnswer, string? reason, string deviceId)
    {
        Check(numberAnswer ?? string.Empty, nameof(numberAnswer), allowEmpty: true);
        Check(reason ?? string.Empty, nameof(reason), allowEmpty: true);
        return string.Join('\n', "PA2-ANSWER", Check(challengeId, nameof(challengeId)), Check(nonce, nameof(nonce)), Check(decision, nameof(decision)),
            numberAnswer ?? string.Empty, reason ?? string.Empty, Check(deviceId, nameof(deviceId)));
    }

    private static string HashBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Base64Url.EncodeToString(hash);
    }

    private static string Join(string tag, params ReadOnlySpan<string> fields)
    {
        foreach (var field in fields)
        {
            Check(field, "field");
        }
        return string.Join('\n', [tag, .. fields]);
    }

    private static string Check(string value, string name, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!allowEmpty && value.Length == 0)
        {
            throw new ArgumentException($"The signed field '{name}' cannot be empty.", name);
        }
        if (value.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException($"The signed field '{name}' cannot contain a line break.", name);
        }
        return value;
    }
}
