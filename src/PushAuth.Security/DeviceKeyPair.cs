using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Security;

/// <summary>
/// A device's ECDSA P-256 key pair, as the authenticator app (or the device simulator, or a test) holds it.
/// Signs canonical strings with IEEE P1363 (r‖s) signatures.
/// </summary>
public sealed class DeviceKeyPair : IDisposable
{
    private readonly ECDsa _ecdsa;

    private DeviceKeyPair(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        PublicKey = DeviceKey.Import(Base64Url.EncodeToString(ecdsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The public half, as the server will import it.</summary>
    public DeviceKey PublicKey { get; }

    /// <summary>The public key as base64url DER SubjectPublicKeyInfo, the form sent at registration.</summary>
    public string PublicKeySpki => PublicKey.SubjectPublicKeyInfo;

    /// <summary>Creates a fresh random P-256 key pair.</summary>
    public static DeviceKeyPair Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a key pair from base64url PKCS#8 (see <see cref="ExportPkcs8"/>).</summary>
    /// <exception cref="InvalidDeviceKeyException">Not a P-256 PKCS#8 private key.</exception>
    public static DeviceKeyPair ImportPkcs8(string pkcs8Base64Url)
    {
        ArgumentNullException.ThrowIfNull(pkcs8Base64Url);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(Base64Url.DecodeFromChars(pkcs8Base64Url), out _);
            if (ecdsa.ExportParameters(false).Curve.Oid.Value != DeviceKey.P256Oid)
            {
                throw new InvalidDeviceKeyException("The private key must be on the NIST P-256 curve.");
            }

            return new DeviceKeyPair(ecdsa);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            ecdsa.Dispose();
            throw new InvalidDeviceKeyException("The text is not a base64url PKCS#8 P-256 private key.", ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Exports the private key as base64url PKCS#8, for the simulator's local storage.</summary>
    public string ExportPkcs8() => Base64Url.EncodeToString(_ecdsa.ExportPkcs8PrivateKey());

    /// <summary>Signs the UTF-8 bytes of <paramref name="message"/>: a 64-byte P1363 signature.</summary>
    public byte[] Sign(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _ecdsa.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Signs <paramref name="message"/> and returns the signature base64url-encoded.</summary>
    public string SignToBase64Url(string message) => Base64Url.EncodeToString(Sign(message));

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();
}
