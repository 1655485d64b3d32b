using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// A device's ECDSA P-256 public key, imported from base64url DER SubjectPublicKeyInfo.
/// Immutable and safe to share between threads; the server stores only this.
/// </summary>
public sealed class DeviceKey
{
    /// <summary>OID of the NIST P-256 (secp256r1) curve.</summary>
    public const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECParameters _parameters;

    private DeviceKey(ECParameters parameters, byte[] spki)
    {
        _parameters = parameters;
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

        using var ecdsa = ECDsa.Create(_parameters);
        return ecdsa.VerifyData(System.Text.Encoding.UTF8.GetBytes(message), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
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

        try
        {
            using var ecdsa = ECDsa.Create();
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

            key = new DeviceKey(parameters, ecdsa.ExportSubjectPublicKeyInfo());
            error = string.Empty;
            return true;
        }
        catch (CryptographicException ex)
        {
            error = $"The device key is not an EC SubjectPublicKeyInfo: {ex.Message}";
            return false;
        }
    }
}
