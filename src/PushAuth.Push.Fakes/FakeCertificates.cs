using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PushAuth.Push.Fakes;

/// <summary>Self-signed TLS certificates for the fakes.</summary>
public static class FakeCertificates
{
    /// <summary>The subject of generated certificates.</summary>
    public const string DefaultSubject = "CN=pushauth-fake-apns";

    /// <summary>A P-256 self-signed server certificate for localhost and 127.0.0.1, valid for a year.</summary>
    public static X509Certificate2 CreateSelfSigned(string subject = DefaultSubject) => CreateSelfSigned(subject, []);

    /// <summary>
    /// A P-256 self-signed server certificate for localhost, 127.0.0.1, ::1 and <paramref name="additionalHostNames"/>
    /// (DNS names or IP addresses, e.g. a container's service name), valid for a year.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string subject, IEnumerable<string> additionalHostNames)
    {
        ArgumentNullException.ThrowIfNull(additionalHostNames);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var host in additionalHostNames.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform (exportable: standalone runs save it).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
