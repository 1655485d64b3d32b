using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace PushAuth.Security.Backup;

/// <summary>
/// Everything the server derives from the backup master key (HKDF-SHA256, one label each), so that one configured
/// secret, kept outside the database, stands behind every backup: the contact hash key (grain keys reveal no address),
/// the pepper of verification codes, the verifier key (a stolen database cannot test an auth key, hence a passcode),
/// the wrapping key of per-backup secrets (AES-256-GCM through <see cref="SecretProtector"/>) and the X25519 key
/// devices seal to. <see cref="KeyId"/> names the master key by its public key's hash, so a silo started with another
/// master key refuses unlocks instead of counting them as wrong passcodes.
/// </summary>
public sealed class BackupServerKeys : IDisposable
{
    public const int MinMasterKeySize = 32;
    private const int SecretSize = 32;

    private readonly byte[] _contactKey;
    private readonly byte[] _codeKey;
    private readonly byte[] _verifierKey;
    private readonly SecretProtector _wrap;
    private readonly Key _sealing;

    /// <exception cref="ArgumentException">The master key is shorter than 32 bytes.</exception>
    public BackupServerKeys(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length < MinMasterKeySize)
        {
            throw new ArgumentException($"The backup master key must be at least {MinMasterKeySize} bytes.", nameof(masterKey));
        }
        _contactKey = Derive(masterKey, "pushauth/backup/contact-hash/v1");
        _codeKey = Derive(masterKey, "pushauth/backup/code-hash/v1");
        _verifierKey = Derive(masterKey, "pushauth/backup/verifier/v1");
        var sealing = Derive(masterKey, "pushauth/backup/x25519/v1");
        _sealing = BackupSeal.ImportPrivateKey(sealing);
        CryptographicOperations.ZeroMemory(sealing);
        SealingPublicKey = _sealing.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = "bk1-" + Base64Url.EncodeToString(SHA256.HashData(SealingPublicKey).AsSpan(0, 9));
        _wrap = new SecretProtector(new SecretKeyRing(new Dictionary<string, byte[]> { [KeyId] = Derive(masterKey, "pushauth/backup/wrap/v1") }, KeyId));
    }

    /// <summary>Names the master key (a hash of the sealing public key; reveals nothing about the key).</summary>
    public string KeyId { get; }

    /// <summary>The raw X25519 public key devices seal to.</summary>
    public byte[] SealingPublicKey { get; }

    /// <summary>The grain key of a contact: base64url HMAC-SHA256 of channel and normalized address (43 characters).</summary>
    public string ContactHash(string channel, string normalizedAddress) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_contactKey, Encoding.UTF8.GetBytes($"contact/v1\n{channel}\n{normalizedAddress}")));

    /// <summary>The stored form of a one-time code or link token: HMAC-SHA256 under a master-key pepper, bound to the verification.</summary>
    public string HashCode(string verificationId, string kind, string code) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_codeKey, Encoding.UTF8.GetBytes($"code/v1\n{verificationId}\n{kind}\n{code}")));

    /// <summary>Constant-time check of a presented code against its stored hash.</summary>
    public bool CodeMatches(string verificationId, string kind, string? code, string storedHash) =>
        code is { Length: > 0 and <= 128 } && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashCode(verificationId, kind, code)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The verifier of an auth key: HMAC-SHA256 keyed by the master key, over the salt and the auth key.</summary>
    public string ComputeVerifier(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> authKey)
    {
        Span<byte> mac = stackalloc byte[32];
        Verifier(salt, authKey, mac);
        return Base64Url.EncodeToString(mac);
    }

    /// <summary>Constant-time check of an auth key against a stored verifier.</summary>
    public bool VerifierMatches(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> authKey, string storedVerifier)
    {
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        if (!Base64Url.TryDecodeFromChars(storedVerifier, expected, out var written) || written != 32)
        {
            return false;
        }
        Verifier(salt, authKey, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Wraps a per-backup secret under the master key, bound to the salt it serves.</summary>
    public string WrapSecret(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretSize)
        {
            throw new ArgumentException($"A backup secret is {SecretSize} bytes.", nameof(secret));
        }
        return _wrap.Protect(secret, WrapAd(salt));
    }

    /// <summary>The per-backup secret, or null when it was wrapped under another master key or for another salt.</summary>
    public byte[]? UnwrapSecret(ReadOnlySpan<byte> salt, string wrapped)
    {
        try
        {
            return _wrap.Unprotect(wrapped, WrapAd(salt));
        }
        catch (SecretProtectionException)
        {
            return null;
        }
    }

    /// <summary>Encrypts a contact's address for its own grain's state (AES-GCM under the master key, bound to the contact's
    /// key), so that user notices can reach it while a copy of the database names no address.</summary>
    public string SealAddress(string contactKey, string address) => _wrap.Protect(Encoding.UTF8.GetBytes(address), AddressAd(contactKey));

    /// <summary>The address, or null when it was sealed under another master key or for another contact.</summary>
    public string? OpenAddress(string contactKey, string sealedAddress)
    {
        try
        {
            return Encoding.UTF8.GetString(_wrap.Unprotect(sealedAddress, AddressAd(contactKey)));
        }
        catch (SecretProtectionException)
        {
            return null;
        }
    }

    /// <summary>Opens a request a device sealed to <see cref="SealingPublicKey"/>.</summary>
    public byte[]? Open(string context, ReadOnlySpan<byte> sealedRequest, out byte[]? responseKey) => BackupSeal.Open(_sealing, context, sealedRequest, out responseKey);

    public void Dispose()
    {
        _sealing.Dispose();
        CryptographicOperations.ZeroMemory(_contactKey);
        CryptographicOperations.ZeroMemory(_codeKey);
        CryptographicOperations.ZeroMemory(_verifierKey);
    }

    private void Verifier(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> authKey, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[12 + salt.Length + authKey.Length];
        "verifier/v1\n"u8.CopyTo(input);
        salt.CopyTo(input[12..]);
        authKey.CopyTo(input[(12 + salt.Length)..]);
        HMACSHA256.HashData(_verifierKey, input, mac);
        CryptographicOperations.ZeroMemory(input);
    }

    private static byte[] WrapAd(ReadOnlySpan<byte> salt) => [.. "backup-secret/v1\n"u8, .. salt];

    private static byte[] AddressAd(string contactKey) => Encoding.UTF8.GetBytes("contact-address/v1\n" + contactKey);

    private static byte[] Derive(ReadOnlySpan<byte> masterKey, string label)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, [], Encoding.ASCII.GetBytes(label));
        return key;
    }
}
