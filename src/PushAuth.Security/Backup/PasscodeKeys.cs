using System.Security.Cryptography;
using NSec.Cryptography;

namespace PushAuth.Security.Backup;

/// <summary>
/// The two keys a device derives from its passcode (Argon2id, then HKDF-SHA256 with two labels):
/// <see cref="AuthKey"/>, which only ever travels sealed to the server's backup key and which the server checks
/// against a verifier keyed with its master key; and <see cref="BlobKeyShare"/>, which never leaves the device and
/// is one of the two inputs of the blob key (the other is the server's per-backup secret).
/// </summary>
public sealed class PasscodeKeys : IDisposable
{
    public const int SaltSize = 16;
    public const int KeySize = 32;

    private PasscodeKeys(byte[] authKey, byte[] blobKeyShare)
    {
        AuthKey = authKey;
        BlobKeyShare = blobKeyShare;
    }

    public byte[] AuthKey { get; }

    public byte[] BlobKeyShare { get; }

    /// <summary>A fresh random KDF salt (one per passcode setting).</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>Runs Argon2id over the passcode: slow by design (about a third of a second at <see cref="KdfParameters.Default"/>).</summary>
    /// <exception cref="ArgumentException">An unacceptable passcode, salt or parameters.</exception>
    public static PasscodeKeys Derive(string passcode, ReadOnlySpan<byte> salt, KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(kdf);
        PasscodeRules.ThrowIfInvalid(passcode);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"The salt must be {SaltSize} bytes.", nameof(salt));
        }
        if (kdf.Problem(KdfParameters.Minimum) is { } problem)
        {
            throw new ArgumentException(problem, nameof(kdf));
        }
        var parameters = new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = kdf.MemoryKiB, NumberOfPasses = kdf.Iterations };
        Span<byte> root = stackalloc byte[KeySize];
        try
        {
            PasswordBasedKeyDerivationAlgorithm.Argon2id(in parameters).DeriveBytes(passcode, salt, root);
            var auth = new byte[KeySize];
            var share = new byte[KeySize];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, root, auth, [], "pushauth/backup/passcode-auth/v1"u8);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, root, share, [], "pushauth/backup/passcode-blob/v1"u8);
            return new PasscodeKeys(auth, share);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(root);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(AuthKey);
        CryptographicOperations.ZeroMemory(BlobKeyShare);
    }
}
