using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace PushAuth.Security.Backup;

/// <summary>
/// Seals what a device sends about its passcode to the server's backup key, so that nothing on the wire, in a proxy's
/// log or in the silo's request handling can test a passcode offline: only the holder of the master key can open it.
/// An ECIES construction of libsodium primitives (the shape of RFC 9180's base mode): an ephemeral X25519 agreement with
/// the server's static key, HKDF-SHA256 over the shared secret (salt = both public keys, info = a label and the
/// context), XChaCha20-Poly1305 with the context as associated data. The same agreement gives a response key, so
/// the server's answer (the per-backup secret) is readable by the sending device alone.
/// Request: <c>0x01 ‖ ephemeral public key (32) ‖ nonce (24) ‖ ciphertext+tag</c>; response: <c>0x01 ‖ nonce (24) ‖ ciphertext+tag</c>.
/// </summary>
public static class BackupSeal
{
    public const byte Version = 1;
    public const int PublicKeySize = 32;
    private const int NonceSize = 24;
    private const int TagSize = 16;

    private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>The smallest well-formed sealed request (an empty plaintext).</summary>
    public const int MinRequestSize = 1 + PublicKeySize + NonceSize + TagSize;

    /// <summary>Device side: seals <paramref name="plaintext"/> to <paramref name="serverPublicKey"/>; keep
    /// <paramref name="responseKey"/> to open the answer.</summary>
    /// <exception cref="ArgumentException">The server key is not a usable X25519 public key.</exception>
    public static byte[] Seal(ReadOnlySpan<byte> serverPublicKey, string context, ReadOnlySpan<byte> plaintext, out byte[] responseKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!PublicKey.TryImport(X25519, serverPublicKey, KeyBlobFormat.RawPublicKey, out var server) || server is null)
        {
            throw new ArgumentException("The server's backup key is not an X25519 public key.", nameof(serverPublicKey));
        }
        using var ephemeral = Key.Create(X25519);
        using var shared = X25519.Agree(ephemeral, server) ?? throw new ArgumentException("The server's backup key is a low-order point.", nameof(serverPublicKey));
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var (requestKey, response) = DeriveKeys(shared, ephemeralPublic, serverPublicKey, context);
        using (requestKey)
        {
            responseKey = response;
            var output = new byte[1 + PublicKeySize + NonceSize + plaintext.Length + TagSize];
            output[0] = Version;
            ephemeralPublic.CopyTo(output, 1);
            var nonce = output.AsSpan(1 + PublicKeySize, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            Aead.Encrypt(requestKey, nonce, Encoding.UTF8.GetBytes(context), plaintext, output.AsSpan(1 + PublicKeySize + NonceSize));
            return output;
        }
    }

    /// <summary>Server side: opens a sealed request; null when it is malformed, sealed to another key or another context.</summary>
    public static byte[]? Open(Key serverPrivateKey, string context, ReadOnlySpan<byte> sealedRequest, out byte[]? responseKey)
    {
        ArgumentNullException.ThrowIfNull(serverPrivateKey);
        ArgumentNullException.ThrowIfNull(context);
        responseKey = null;
        if (sealedRequest.Length < MinRequestSize || sealedRequest[0] != Version
            || !PublicKey.TryImport(X25519, sealedRequest.Slice(1, PublicKeySize), KeyBlobFormat.RawPublicKey, out var ephemeral) || ephemeral is null)
        {
            return null;
        }
        using var shared = X25519.Agree(serverPrivateKey, ephemeral);
        if (shared is null)
        {
            return null;
        }
        var serverPublic = serverPrivateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var (requestKey, response) = DeriveKeys(shared, sealedRequest.Slice(1, PublicKeySize), serverPublic, context);
        using (requestKey)
        {
            var ciphertext = sealedRequest[(1 + PublicKeySize + NonceSize)..];
            var plaintext = new byte[ciphertext.Length - TagSize];
            if (!Aead.Decrypt(requestKey, sealedRequest.Slice(1 + PublicKeySize, NonceSize), Encoding.UTF8.GetBytes(context), ciphertext, plaintext))
            {
                CryptographicOperations.ZeroMemory(response);
                return null;
            }
            responseKey = response;
            return plaintext;
        }
    }

    /// <summary>Server side: the answer to a sealed request, readable only by the device that sent it.</summary>
    public static byte[] SealResponse(ReadOnlySpan<byte> responseKey, string context, ReadOnlySpan<byte> plaintext)
    {
        using var key = Key.Import(Aead, responseKey, KeyBlobFormat.RawSymmetricKey);
        var output = new byte[1 + NonceSize + plaintext.Length + TagSize];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Aead.Encrypt(key, nonce, ResponseAd(context), plaintext, output.AsSpan(1 + NonceSize));
        return output;
    }

    /// <summary>Device side: opens the server's answer; null when it was not made with this response key and context.</summary>
    public static byte[]? OpenResponse(ReadOnlySpan<byte> responseKey, string context, ReadOnlySpan<byte> sealedResponse)
    {
        if (sealedResponse.Length < 1 + NonceSize + TagSize || sealedResponse[0] != Version)
        {
            return null;
        }
        using var key = Key.Import(Aead, responseKey, KeyBlobFormat.RawSymmetricKey);
        var plaintext = new byte[sealedResponse.Length - 1 - NonceSize - TagSize];
        return Aead.Decrypt(key, sealedResponse.Slice(1, NonceSize), ResponseAd(context), sealedResponse[(1 + NonceSize)..], plaintext) ? plaintext : null;
    }

    /// <summary>The X25519 key pair a master key's HKDF output makes (libsodium clamps the scalar).</summary>
    public static Key ImportPrivateKey(ReadOnlySpan<byte> rawPrivateKey) => Key.Import(X25519, rawPrivateKey, KeyBlobFormat.RawPrivateKey);

    private static (Key Request, byte[] Response) DeriveKeys(SharedSecret shared, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> serverPublic, string context)
    {
        Span<byte> salt = stackalloc byte[2 * PublicKeySize];
        ephemeralPublic.CopyTo(salt);
        serverPublic.CopyTo(salt[PublicKeySize..]);
        var okm = KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, salt, Encoding.UTF8.GetBytes("pushauth/backup/seal/v1\n" + context), 64);
        try
        {
            return (Key.Import(Aead, okm.AsSpan(0, 32), KeyBlobFormat.RawSymmetricKey), okm.AsSpan(32, 32).ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    private static byte[] ResponseAd(string context) => Encoding.UTF8.GetBytes("response\n" + context);
}
