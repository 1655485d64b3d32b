using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Security;

/// <summary>
/// Encrypts small secrets (TOTP seeds) with AES-256-GCM under the key ring's active key.
/// The output is <c>v1.{keyId}.{base64url(nonce ‖ tag ‖ ciphertext)}</c>; the version and key id are
/// authenticated along with the caller's associated data, so a value cannot be moved to another row
/// (bind it to e.g. the credential id) or relabeled with another key id.
/// </summary>
public sealed class SecretProtector(SecretKeyRing keyRing)
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly SecretKeyRing _keyRing = keyRing ?? throw new ArgumentNullException(nameof(keyRing));

    /// <summary>Encrypts <paramref name="plaintext"/> bound to <paramref name="associatedData"/>.</summary>
    public string Protect(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var keyId = _keyRing.ActiveKeyId;
        var payload = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = payload.AsSpan(0, NonceSize);
        var tag = payload.AsSpan(NonceSize, TagSize);
        var ciphertext = payload.AsSpan(NonceSize + TagSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keyRing.ActiveKey, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, BuildAssociatedData(keyId, associatedData));
        }

        return $"{Version}.{keyId}.{Base64Url.EncodeToString(payload)}";
    }

    /// <summary>Encrypts <paramref name="plaintext"/> bound to the UTF-8 bytes of <paramref name="associatedData"/>.</summary>
    public string Protect(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(associatedData);
        return Protect(plaintext, Encoding.UTF8.GetBytes(associatedData));
    }

    /// <summary>Decrypts a value made by <see cref="Protect(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="SecretProtectionException">Malformed value, unknown key id, tampering, or different associated data.</exception>
    public byte[] Unprotect(string protectedValue, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        var keyId = ParseKeyId(protectedValue, out var encodedPayload);
        if (!_keyRing.TryGetKey(keyId, out var key))
        {
            throw new SecretProtectionException($"The protected value uses key id '{keyId}', which is not in the key ring.");
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(encodedPayload);
        }
        catch (FormatException ex)
        {
            throw new SecretProtectionException("The protected value's payload is not valid base64url.", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new SecretProtectionException("The protected value's payload is too short.");
        }

        var plaintext = new byte[payload.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                payload.AsSpan(0, NonceSize),
                payload.AsSpan(NonceSize + TagSize),
                payload.AsSpan(NonceSize, TagSize),
                plaintext,
                BuildAssociatedData(keyId, associatedData));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SecretProtectionException("The protected value was tampered with or bound to different associated data.", ex);
        }

        return plaintext;
    }

    /// <summary>Decrypts a value protected with string associated data.</summary>
    /// <exception cref="SecretProtectionException">Malformed value, unknown key id, tampering, or different associated data.</exception>
    public byte[] Unprotect(string protectedValue, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(associatedData);
        return Unprotect(protectedValue, Encoding.UTF8.GetBytes(associatedData));
    }

    /// <summary>The key id a protected value was encrypted with.</summary>
    /// <exception cref="SecretProtectionException">The value is not a v1 envelope.</exception>
    public static string GetKeyId(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        return ParseKeyId(protectedValue, out _);
    }

    /// <summary>True when the value was encrypted with a key other than the active one and should be re-encrypted.</summary>
    public bool NeedsReprotection(string protectedValue) =>
        !string.Equals(GetKeyId(protectedValue), _keyRing.ActiveKeyId, StringComparison.Ordinal);

    private static string ParseKeyId(string protectedValue, out ReadOnlySpan<char> payload)
    {
        var span = protectedValue.AsSpan();
        if (!span.StartsWith(Version + ".", StringComparison.Ordinal))
        {
            throw new SecretProtectionException("The protected value is not a 'v1' envelope.");
        }

        span = span[(Version.Length + 1)..];
        var dot = span.IndexOf('.');
        var keyId = dot < 0 ? string.Empty : span[..dot].ToString();
        if (!SecretKeyRing.IsValidKeyId(keyId))
        {
            throw new SecretProtectionException("The protected value has no valid key id.");
        }

        payload = span[(dot + 1)..];
        return keyId;
    }

    private static byte[] BuildAssociatedData(string keyId, ReadOnlySpan<byte> associatedData)
    {
        var header = Encoding.ASCII.GetBytes($"{Version}.{keyId}.");
        var result = new byte[header.Length + associatedData.Length];
        header.CopyTo(result, 0);
        associatedData.CopyTo(result.AsSpan(header.Length));
        return result;
    }
}
