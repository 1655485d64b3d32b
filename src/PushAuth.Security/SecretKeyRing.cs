using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PushAuth.Security;

/// <summary>
/// The AES-256 keys that protect secrets at rest, by key id. New secrets use the active key; old key ids stay
/// readable until every row is re-encrypted, which is how keys rotate.
/// </summary>
public sealed class SecretKeyRing
{
    /// <summary>Key length in bytes (AES-256).</summary>
    public const int KeySize = 32;

    private readonly FrozenDictionary<string, byte[]> _keys;

    /// <summary>Creates a key ring.</summary>
    /// <exception cref="ArgumentException">A key id is malformed, a key is not 32 bytes, or the active key id is not in the ring.</exception>
    public SecretKeyRing(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(activeKeyId);
        var copy = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (keyId, key) in keys)
        {
            if (!IsValidKeyId(keyId))
            {
                throw new ArgumentException($"Key id '{keyId}' is invalid: use 1-32 characters from A-Z, a-z, 0-9, '_' and '-'.", nameof(keys));
            }

            if (key is null || key.Length != KeySize)
            {
                throw new ArgumentException($"Key '{keyId}' must be exactly {KeySize} bytes.", nameof(keys));
            }

            copy[keyId] = (byte[])key.Clone();
        }

        if (!copy.ContainsKey(activeKeyId))
        {
            throw new ArgumentException($"The active key id '{activeKeyId}' is not in the key ring.", nameof(activeKeyId));
        }

        _keys = copy.ToFrozenDictionary(StringComparer.Ordinal);
        ActiveKeyId = activeKeyId;
    }

    /// <summary>The key id used for new encryptions.</summary>
    public string ActiveKeyId { get; }

    /// <summary>All key ids in the ring.</summary>
    public IEnumerable<string> KeyIds => _keys.Keys;

    /// <summary>
    /// Builds a key ring from configuration-style entries <c>"keyId:base64key"</c> (standard or URL-safe Base64 of 32 bytes).
    /// </summary>
    /// <exception cref="FormatException">An entry is malformed or a key id appears twice.</exception>
    /// <exception cref="ArgumentException">A key is not 32 bytes or the active key id is missing.</exception>
    public static SecretKeyRing Parse(IEnumerable<string> entries, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in entries)
        {
            var colon = entry?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (entry is null || colon <= 0)
            {
                throw new FormatException($"Key ring entry #{index} must look like 'keyId:base64key'.");
            }

            var keyId = entry[..colon].Trim();
            var encoded = entry[(colon + 1)..].Trim();
            if (!TryDecodeKey(encoded, out var key))
            {
                throw new FormatException($"Key ring entry '{keyId}' does not hold valid Base64.");
            }

            if (!keys.TryAdd(keyId, key))
            {
                throw new FormatException($"Key id '{keyId}' appears more than once in the key ring.");
            }

            index++;
        }

        return new SecretKeyRing(keys, activeKeyId);
    }

    /// <summary>True when <paramref name="keyId"/> is 1-32 characters of <c>[A-Za-z0-9_-]</c> (no '.', which separates envelope fields).</summary>
    public static bool IsValidKeyId([NotNullWhen(true)] string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > 32)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This ring plus a (never active) key, e.g. an old key kept to read secrets not yet re-encrypted.</summary>
    /// <exception cref="ArgumentException">The key id is taken or malformed, or the key is not 32 bytes.</exception>
    public SecretKeyRing With(string keyId, byte[] key)
    {
        if (_keys.ContainsKey(keyId))
        {
            throw new ArgumentException($"Key id '{keyId}' is already in the key ring.", nameof(keyId));
        }
        var keys = new Dictionary<string, byte[]>(_keys, StringComparer.Ordinal) { [keyId] = key };
        return new SecretKeyRing(keys, ActiveKeyId);
    }

    internal bool TryGetKey(string keyId, [NotNullWhen(true)] out byte[]? key) => _keys.TryGetValue(keyId, out key);

    internal byte[] ActiveKey => _keys[ActiveKeyId];

    private static bool TryDecodeKey(string encoded, [NotNullWhen(true)] out byte[]? key)
    {
        var standard = encoded.Replace('-', '+').Replace('_', '/');
        switch (standard.Length % 4)
        {
            case 2: standard += "=="; break;
            case 3: standard += "="; break;
            default: break;
        }

        var buffer = new byte[standard.Length];
        if (Convert.TryFromBase64String(standard, buffer, out var written))
        {
            key = buffer[..written];
            return true;
        }

        key = null;
        return false;
    }
}
