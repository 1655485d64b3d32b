using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PushAuth.Oidc.Keys;

/// <summary>Parses the configured key lists (<c>keyId:base64[;…]</c>) into security keys, the active one first: OpenIddict
/// signs and encrypts with the first key of each kind and publishes (or decrypts with) all of them.</summary>
public static class OidcKeyRing
{
    public static IReadOnlyList<SecurityKey> SigningKeys(string configured, string? activeKeyId) =>
        Ordered(Parse(configured, "SigningKeys"), activeKeyId, "SigningKeys").Select(e =>
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(e.Bytes, out _);
            if (rsa.KeySize < 2048)
            {
                throw new FormatException($"the signing key '{e.KeyId}' has {rsa.KeySize} bits; at least 2048 are required");
            }
            return (SecurityKey)new RsaSecurityKey(rsa) { KeyId = e.KeyId };
        }).ToList();

    public static IReadOnlyList<SecurityKey> EncryptionKeys(string configured, string? activeKeyId) =>
        Ordered(Parse(configured, "EncryptionKeys"), activeKeyId, "EncryptionKeys").Select(e => e.Bytes.Length == 32
            ? (SecurityKey)new SymmetricSecurityKey(e.Bytes) { KeyId = e.KeyId }
            : throw new FormatException($"the encryption key '{e.KeyId}' must be 32 bytes")).ToList();

    private static List<(string KeyId, byte[] Bytes)> Parse(string configured, string setting)
    {
        var entries = new List<(string, byte[])>();
        foreach (var entry in configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{setting} entries must be keyId:base64");
            }
            var keyId = entry[..colon];
            if (entries.Any(e => e.Item1 == keyId))
            {
                throw new FormatException($"{setting} names the key id '{keyId}' twice");
            }
            entries.Add((keyId, Convert.FromBase64String(entry[(colon + 1)..])));
        }
        return entries.Count == 0 ? throw new FormatException($"{setting} holds no key") : entries;
    }

    private static IEnumerable<(string KeyId, byte[] Bytes)> Ordered(List<(string KeyId, byte[] Bytes)> entries, string? activeKeyId, string setting)
    {
        var active = activeKeyId is null ? entries[0] : entries.FirstOrDefault(e => e.KeyId == activeKeyId);
        if (active.Bytes is null)
        {
            throw new FormatException($"the active key id '{activeKeyId}' is not in {setting}");
        }
        return entries.Where(e => e.KeyId != active.KeyId).Prepend(active);
    }
}
