using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using PushAuth.Push.Fakes.Internal;

namespace PushAuth.Push.Fakes;

/// <summary>
/// Runs both fakes outside tests: <c>dotnet run --project src/PushAuth.Push.Fakes -- [--out DIR] [--fcm-port 7101] [--apns-port 7102]
/// [--fcm-http1-port 7103] [--listen-any] [--public-host NAME] [--project-id ID] [--team-id ID] [--key-id ID] [--bundle-id ID]</c>.
/// Writes fcm-service-account.json, apns-key.p8, apns-cert.pem (and the certificate's key, apns-server-key.pem) and, last,
/// push-fakes.settings.json (a "Push" configuration section) to DIR. Keys and certificate already in DIR are reused, so
/// silos that loaded them keep working across a restart of the fakes.
/// </summary>
public static class StandaloneFakes
{
    /// <summary>The settings file, written after every credential file (its presence means the fakes are ready).</summary>
    public const string SettingsFileName = "push-fakes.settings.json";

    private const string ServiceAccountFileName = "fcm-service-account.json";
    private const string SigningKeyFileName = "apns-key.p8";
    private const string CertificateFileName = "apns-cert.pem";
    private const string CertificateKeyFileName = "apns-server-key.pem";

    /// <summary>
    /// Starts the fakes, writes the credentials and waits for <paramref name="cancellationToken"/>. Returns 0 after a normal stop
    /// and 2 when <paramref name="args"/> are not valid.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (StandaloneArguments.Parse(args, out var error) is not { } arguments)
        {
            await output.WriteLineAsync(error).ConfigureAwait(false);
            await output.WriteLineAsync(StandaloneArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        var outDir = arguments.OutDirectory;
        Directory.CreateDirectory(outDir);
        var settingsFile = Path.Combine(outDir, SettingsFileName);
        File.Delete(settingsFile);
        var serviceAccountFile = Path.Combine(outDir, ServiceAccountFileName);
        var keyFile = Path.Combine(outDir, SigningKeyFileName);
        var certificateFile = Path.Combine(outDir, CertificateFileName);
        var certificateKeyFile = Path.Combine(outDir, CertificateKeyFileName);

        var fcmOptions = new FakeFcmServerOptions
        {
            Port = arguments.FcmPort,
            Http1Port = arguments.FcmHttp1Port,
            ListenAddress = arguments.ListenAddress,
            PublicHost = arguments.PublicHost,
            ServiceAccountPrivateKeyPem = ReadServiceAccountKey(serviceAccountFile),
        };
        var apnsOptions = new FakeApnsServerOptions
        {
            Port = arguments.ApnsPort,
            ListenAddress = arguments.ListenAddress,
            PublicHost = arguments.PublicHost,
            SigningKeyPem = ReadSigningKey(keyFile),
            Certificate = ReadCertificate(certificateFile, certificateKeyFile, arguments.PublicHost ?? "127.0.0.1"),
        };
        fcmOptions.ProjectId = arguments.ProjectId ?? fcmOptions.ProjectId;
        apnsOptions.TeamId = arguments.TeamId ?? apnsOptions.TeamId;
        apnsOptions.KeyId = arguments.KeyId ?? apnsOptions.KeyId;
        apnsOptions.BundleId = arguments.BundleId ?? apnsOptions.BundleId;

        await using var fcm = await FakeFcmServer.StartAsync(fcmOptions, cancellationToken).ConfigureAwait(false);
        await using var apns = await FakeApnsServer.StartAsync(apnsOptions, cancellationToken).ConfigureAwait(false);

        await WriteAtomicallyAsync(serviceAccountFile, fcm.ServiceAccountJson, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(keyFile, apns.SigningKeyPem, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(certificateKeyFile, ExportCertificateKeyPem(apns.Certificate), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(certificateFile, apns.CertificatePem, cancellationToken).ConfigureAwait(false);
        var settings = new
        {
            Push = new
            {
                Fcm = new { fcm.ProjectId, ServiceAccountKeyFile = serviceAccountFile, BaseAddress = fcm.BaseAddress.AbsoluteUri },
                Apns = new
                {
                    apns.TeamId,
                    apns.KeyId,
                    PrivateKeyFile = keyFile,
                    apns.BundleId,
                    BaseAddress = apns.BaseAddress.AbsoluteUri,
                    TrustedServerCertificateFile = certificateFile,
                },
            },
        };
        await WriteAtomicallyAsync(settingsFile, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);

        var listening = arguments.ListenAny ? "listening on all interfaces" : "listening on loopback";
        await output.WriteLineAsync($"Fake FCM:  {fcm.BaseAddress} (HTTP/2 prior knowledge; HTTP/1.1 on {fcm.Http1BaseAddress}; project {fcm.ProjectId}, token endpoint {fcm.TokenEndpoint}; {listening})").ConfigureAwait(false);
        await output.WriteLineAsync($"Fake APNs: {apns.BaseAddress} (HTTP/2 + TLS, team {apns.TeamId}, key {apns.KeyId}, topic {apns.BundleId}; {listening})").ConfigureAwait(false);
        await output.WriteLineAsync($"Credentials and settings written to {outDir} ({SettingsFileName}). Inboxes: GET /_fake/messages?token=... Ctrl+C stops.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }

        return 0;
    }

    private static string? ReadServiceAccountKey(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("private_key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? ReadSigningKey(string path)
    {
        try
        {
            var pem = File.ReadAllText(path);
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key.KeySize == 256 ? pem : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The previous run's certificate when it still covers <paramref name="publicHost"/> for at least a week; null otherwise.</summary>
    private static X509Certificate2? ReadCertificate(string certificatePath, string keyPath, string publicHost)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (!pem.MatchesHostname(publicHost, allowWildcards: false, allowCommonName: false) || pem.NotAfter.ToUniversalTime() < TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(7))
            {
                return null;
            }

            // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    private static string ExportCertificateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The fake APNs certificate has no ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Writes next to the target and renames, so a silo never reads a half-written file.</summary>
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
