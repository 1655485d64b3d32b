using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// A device's ECDSA P-256 public key, imported from base64url DER SubjectPublicKeyInfo.
/// Immutable and safe to share between threads; the server stores only this.
/// </summary>
/// <remarks>
/// The key keeps one imported <see cref="ECDsa"/> for verifying: importing costs about twice the verification itself,
/// and a device signs every request. An <see cref="ECDsa"/> is not safe for concurrent use, so a verification takes the
/// kept instance for its duration and a concurrent one imports its own (kept afterwards if the slot is empty, else
/// disposed). <see cref="Dispose"/> releases the kept instance at once (a cache evicting the key); the key still verifies
/// afterwards, importing a fresh instance each time. <see cref="ReleaseVerifier"/> releases it for now only.
/// </remarks>
public sealed class DeviceKey : IDisposable
{
    /// <summary>OID of the NIST P-256 (secp256r1) curve.</summary>
    public const string P256Oid = "1.2.840.10045.3.1.7";

    // Messages are short canonical strings; longer ones rent from the pool rather than allocate.
    private const int StackMessageBytes = 1024;

    private readonly ECParameters _parameters;
    private ECDsa? _verifier;
    private volatile bool _disposed;

    private DeviceKey(ECParameters parameters, byte[] spki, ECDsa verifier)
    {
        _parameters = parameters;
        _verifier = verifier;
        SubjectPublicKeyInfo = Base64Url.EncodeToString(spki);
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(spki));
    }

    /// <summary>The canonical (uncompressed point) SubjectPublicKeyInfo, base64url without padding.</summary>
    public string SubjectPublicKeyInfo { get; }

    /// <summary>Base64url SHA-256 of the canonical SubjectPublicKeyInfo: a stable id for the key.</summary>
    public string Thumbprint { get; }

    /// <summary>Imports a key from base64url (or standard Base64) DER SubjectPublicKeyInfo.</summary>
    /// <exception cref="InvalidDeviceKeyException">The text is not a well-formed P-256 public key.</exception>
    public static DeviceKey Import(string spkiBase64Url)
    {
        ArgumentNullException.ThrowIfNull(spkiBase64Url);
        return TryImportCore(spkiBase64Url, out var key, out var error) ? key : throw new InvalidDeviceKeyException(error);
    }

    /// <summary>Imports a key; returns <see langword="false"/> instead of throwing on malformed or non-P-256 keys.</summary>
    public static bool TryImport(string? spkiBase64Url, [NotNullWhen(true)] out DeviceKey? key)
    {
        key = null;
        return spkiBase64Url is not null && TryImportCore(spkiBase64Url, out key, out _);
    }

    /// <summary>Verifies an IEEE P1363 (64-byte r‖s) ECDSA-SHA256 signature over the UTF-8 bytes of <paramref name="message"/>.</summary>
    public bool Verify(string message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (signature.Length != 64)
        {
            return false;
        }

        var length = System.Text.Encoding.UTF8.GetMaxByteCount(message.Length);
        byte[]? rented = length > StackMessageBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackMessageBytes];
        var bytes = buffer[..System.Text.Encoding.UTF8.GetBytes(message, buffer)];
        var ecdsa = Interlocked.Exchange(ref _verifier, null) ?? ECDsa.Create(_parameters);
        try
        {
            return ecdsa.VerifyData(bytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            Return(ecdsa);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the key holds an imported verifier now (false after <see cref="Dispose"/>).</summary>
    public bool HoldsVerifier => Volatile.Read(ref _verifier) is not null;

    /// <summary>Releases the kept verifier now (about 3 KB of native memory); the next verification imports and keeps
    /// one again. For a cache that bounds how many keys hold a verifier.</summary>
    public void ReleaseVerifier() => Interlocked.Exchange(ref _verifier, null)?.Dispose();

    /// <summary>Releases the kept verifier; later verifications import their own.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _verifier, null)?.Dispose();
    }

    private void Return(ECDsa ecdsa)
    {
        if (_disposed || Interlocked.CompareExchange(ref _verifier, ecdsa, null) is not null)
        {
            ecdsa.Dispose();
            return;
        }
        // Disposed between the check and the put back: take it out again (whoever exchanges it out disposes it).
        if (_disposed)
        {
            Interlocked.Exchange(ref _verifier, null)?.Dispose();
        }
    }

    /// <summary>Verifies a base64url-encoded P1363 signature; malformed encodings verify as false.</summary>
    public bool Verify(string message, string signatureBase64Url)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (signatureBase64Url is null || signatureBase64Url.Length > 128)
        {
            return false;
        }

        // TryDecodeFromChars throws on characters outside the alphabet, so validate first.
        if (!Base64Url.IsValid(signatureBase64Url, out var length) || length != DeviceSignature.SignatureSize)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[DeviceSignature.SignatureSize];
        return Base64Url.TryDecodeFromChars(signatureBase64Url, signature, out var written)
            && Verify(message, signature[..written]);
    }

    private static bool TryImportCore(string text, [NotNullWhen(true)] out DeviceKey? key, out string error)
    {
        key = null;
        if (text.Length is 0 or > 1024)
        {
            error = "The device key is empty or too long.";
            return false;
        }

        byte[] der;
        try
        {
            der = Base64Url.DecodeFromChars(text.Replace('+', '-').Replace('/', '_').TrimEnd('='));
        }
        catch (FormatException)
        {
            error = "The device key is not valid base64url.";
            return false;
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                error = "The device key has trailing data after the SubjectPublicKeyInfo.";
                return false;
            }

            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            if (!parameters.Curve.IsNamed || parameters.Curve.Oid.Value != P256Oid)
            {
                error = "The device key must be on the NIST P-256 curve.";
                return false;
            }

            // The imported instance becomes the key's kept verifier.
            key = new DeviceKey(parameters, ecdsa.ExportSubjectPublicKeyInfo(), ecdsa);
            error = string.Empty;
            return true;
        }
        catch (CryptographicException ex)
        {
            error = $"The device key is not an EC SubjectPublicKeyInfo: {ex.Message}";
            return false;
        }
        finally
        {
            if (key is null)
            {
                ecdsa.Dispose();
            }
        }
    }
}
