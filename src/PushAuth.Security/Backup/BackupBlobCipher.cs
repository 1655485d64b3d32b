using System.Security.Cryptography;
using NSec.Cryptography;

namespace PushAuth.Security.Backup;

/// <summary>
/// The device's encryption of its account list. Key = HKDF-SHA256(ikm = passcode share ‖ server secret,
/// salt = the KDF salt, info = label): neither the passcode alone nor the server alone can make it.
/// Format: <c>0x01 ‖ nonce (24) ‖ XChaCha20-Poly1305 ciphertext+tag</c>, the salt as associated data.
/// The server checks only the shape (<see cref="IsWellFormed"/>) and the size.
/// </summary>
public static class BackupBlobCipher
{
    public const byte Version = 1;
    public const int Overhead = 1 + NonceSize + TagSize;
    private const int NonceSize = 24;
    private const int TagSize = 16;

    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    public static byte[] Encrypt(ReadOnlySpan<byte> blobKeyShare, ReadOnlySpan<byte> serverSecret, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> plaintext)
    {
        using var key = BlobKey(blobKeyShare, serverSecret, salt);
        var output = new byte[Overhead + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Aead.Encrypt(key, nonce, AssociatedData(salt), plaintext, output.AsSpan(1 + NonceSize));
        return output;
    }

    /// <summary>The plaintext, or null when the keys, salt or blob do not match.</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> blobKeyShare, ReadOnlySpan<byte> serverSecret, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> blob)
    {
        if (!IsWellFormed(blob))
        {
            return null;
        }
        using var key = BlobKey(blobKeyShare, serverSecret, salt);
        var plaintext = new byte[blob.Length - Overhead];
        return Aead.Decrypt(key, blob.Slice(1, NonceSize), AssociatedData(salt), blob[(1 + NonceSize)..], plaintext) ? plaintext : null;
    }

    /// <summary>Shape only: version byte and room for a nonce, a tag and at least one byte.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> blob) => blob.Length > Overhead && blob[0] == Version;

    private static Key BlobKey(ReadOnlySpan<byte> share, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt)
    {
        Span<byte> ikm = stackalloc byte[share.Length + secret.Length];
        Span<byte> okm = stackalloc byte[32];
        try
        {
            share.CopyTo(ikm);
            secret.CopyTo(ikm[share.Length..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, okm, salt, "pushauth/backup/blob/v1"u8);
            return Key.Import(Aead, okm, KeyBlobFormat.RawSymmetricKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> salt) => [.. "pushauth/backup/blob/v1\n"u8, .. salt];
}
