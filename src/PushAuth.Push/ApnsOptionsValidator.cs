using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PushAuth.Push;

/// <summary>Checks <see cref="ApnsOptions"/> at start so a bad configuration fails with a clear message.</summary>
public sealed class ApnsOptionsValidator : IValidateOptions<ApnsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TeamId))
        {
            failures.Add("Apns:TeamId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyId))
        {
            failures.Add("Apns:KeyId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.BundleId))
        {
            failures.Add("Apns:BundleId is required.");
        }

        var hasPem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem);
        var hasFile = !string.IsNullOrWhiteSpace(options.PrivateKeyFile);
        if (hasPem == hasFile)
        {
            failures.Add("Exactly one of Apns:PrivateKeyPem and Apns:PrivateKeyFile is required.");
        }
        else if (hasFile && !File.Exists(options.PrivateKeyFile))
        {
            failures.Add($"Apns:PrivateKeyFile '{options.PrivateKeyFile}' does not exist.");
        }
        else
        {
            try
            {
                using var key = ECDsa.Create();
                key.ImportFromPem(options.LoadPrivateKeyPem());
                if (key.KeySize != 256)
                {
                    failures.Add("The APNs key must be a P-256 key.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"The APNs private key cannot be read: {ex.GetType().Name}.");
            }
        }

        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Apns:BaseAddress must be an absolute https address (APNs is HTTP/2 over TLS).");
        }

        if (options.TrustedServerCertificateFile is { Length: > 0 } certificate && !File.Exists(certificate))
        {
            failures.Add($"Apns:TrustedServerCertificateFile '{certificate}' does not exist.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Apns:RequestTimeout must be positive.");
        }

        if (options.ProviderTokenRenewAfter < TimeSpan.FromMinutes(20) || options.ProviderTokenRenewAfter >= TimeSpan.FromMinutes(60))
        {
            failures.Add("Apns:ProviderTokenRenewAfter must be at least 20 and under 60 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
