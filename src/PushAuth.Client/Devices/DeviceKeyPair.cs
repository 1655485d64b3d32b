using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Client.Devices;

/// <summary>
/// A device's ECDSA P-256 key pair, as the authenticator app holds it: the private key never leaves the device (keep it in
/// the platform's key store, or <see cref="ExportPkcs8"/> into protected storage). Signs with IEEE P1363 signatures
/// (r‖s, 64 bytes), the encoding the API takes; DER signatures are refused.
/// </summary>
public sealed class DeviceKeyPair : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _ecdsa;

    private DeviceKeyPair(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        PublicKeySpki = Base64Url.EncodeToString(ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public key as base64url DER SubjectPublicKeyInfo, the form sent at registration.</summary>
    public string PublicKeySpki { get; }

    /// <summary>Creates a fresh random P-256 key pair.</summary>
    public static DeviceKeyPair Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a key pair from base64url PKCS#8 (see <see cref="ExportPkcs8"/>).</summary>
    /// <param name="pkcs8Base64Url">The private key as base64url (no padding) DER PKCS#8.</param>
    /// <exception cref="ArgumentException">Not a base64url PKCS#8 private key on the NIST P-256 curve.</exception>
    public static DeviceKeyPair ImportPkcs8(string pkcs8Base64Url)
    {
        ArgumentNullException.ThrowIfNull(pkcs8Base64Url);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(Base64Url.DecodeFromChars(pkcs8Base64Url), out _);
            if (ecdsa.ExportParameters(false).Curve.Oid.Value != P256Oid)
            {
                throw new ArgumentException("The private key must be on the NIST P-256 curve.", nameof(pkcs8Base64Url));
            }
            return new DeviceKeyPair(ecdsa);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            ecdsa.Dispose();
            throw new ArgumentException("The text is not a base64url PKCS#8 P-256 private key.", nameof(pkcs8Base64Url), ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Exports the private key as base64url PKCS#8, for the app's protected storage.</summary>
    public string ExportPkcs8() => Base64Url.EncodeToString(_ecdsa.ExportPkcs8PrivateKey());

    /// <summary>Signs the UTF-8 bytes of <paramref name="message"/> with SHA-256: a 64-byte P1363 signature.</summary>
    /// <param name="message">The canonical string to sign.</param>
    public byte[] Sign(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _ecdsa.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Signs <paramref name="message"/> (see <see cref="Sign"/>) and returns the signature base64url-encoded, as the API takes it.</summary>
    /// <param name="message">The canonical string to sign.</param>
    public string SignToBase64Url(string message) => Base64Url.EncodeToString(Sign(message));

    /// <summary>Releases the key.</summary>
    public void Dispose() => _ecdsa.Dispose();
}
