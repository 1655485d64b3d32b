using System.Net.Security;

namespace PushAuth.Push;

/// <summary>Configuration of the APNs sender (configuration section "Push:Apns").</summary>
public sealed class ApnsOptions
{
    /// <summary>The 10-character Apple Developer Team ID (JWT iss).</summary>
    public string TeamId { get; set; } = "";

    /// <summary>The 10-character key id of the .p8 signing key (JWT kid).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The .p8 key's PEM text (PKCS#8 P-256). Either this or <see cref="PrivateKeyFile"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Path of the .p8 key file. Either this or <see cref="PrivateKeyPem"/>.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The app's bundle id, sent as apns-topic.</summary>
    public string BundleId { get; set; } = "";

    /// <summary>Production or sandbox host; ignored when <see cref="BaseAddress"/> is set.</summary>
    public ApnsEnvironment Environment { get; set; } = ApnsEnvironment.Production;

    /// <summary>Explicit base address (a fake); overrides <see cref="Environment"/>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Deadline of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A PEM or DER certificate file the server must present (pinning), for a local fake's self-signed certificate.
    /// When unset, the normal chain validation applies unless <see cref="ServerCertificateValidation"/> is set.
    /// </summary>
    public string? TrustedServerCertificateFile { get; set; }

    /// <summary>Custom server certificate validation (tests against a fake); not bindable from configuration.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>The provider JWT is renewed when it is this old (Apple: not more than every 20 min, at least every 60).</summary>
    public TimeSpan ProviderTokenRenewAfter { get; set; } = TimeSpan.FromMinutes(50);

    /// <summary>The address requests go to.</summary>
    public Uri EffectiveBaseAddress => BaseAddress ?? (Environment == ApnsEnvironment.Sandbox
        ? new Uri("https://api.sandbox.push.apple.com/")
        : new Uri("https://api.push.apple.com/"));

    /// <summary>Returns the .p8 PEM, reading the key file when configured that way.</summary>
    public string LoadPrivateKeyPem() =>
        !string.IsNullOrWhiteSpace(PrivateKeyPem)
            ? PrivateKeyPem
            : File.ReadAllText(PrivateKeyFile ?? throw new InvalidOperationException("No APNs private key configured."));
}
