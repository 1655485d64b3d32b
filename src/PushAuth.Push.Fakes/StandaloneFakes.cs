using System.Globalization;
using System.Text.Json;

namespace PushAuth.Push.Fakes;

/// <summary>
/// Runs both fakes outside tests: <c>dotnet run --project src/PushAuth.Push.Fakes -- [--out DIR] [--fcm-port 7101] [--apns-port 7102] [--fcm-http1-port 7103]</c>.
/// Writes fcm-service-account.json, apns-key.p8, apns-cert.pem and push-fakes.settings.json (a "Push" configuration section) to DIR.
/// </summary>
public static class StandaloneFakes
{
    /// <summary>Starts the fakes, writes the credentials and waits for <paramref name="cancellationToken"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var outDir = Path.GetFullPath(Arg(args, "--out") ?? Path.Combine(Path.GetTempPath(), "pushauth-fakes"));
        var fcmPort = int.Parse(Arg(args, "--fcm-port") ?? "7101", CultureInfo.InvariantCulture);
        var apnsPort = int.Parse(Arg(args, "--apns-port") ?? "7102", CultureInfo.InvariantCulture);
        var fcmHttp1Port = int.Parse(Arg(args, "--fcm-http1-port") ?? "7103", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(outDir);

        await using var fcm = await FakeFcmServer.StartAsync(new FakeFcmServerOptions { Port = fcmPort, Http1Port = fcmHttp1Port }, cancellationToken).ConfigureAwait(false);
        await using var apns = await FakeApnsServer.StartAsync(new FakeApnsServerOptions { Port = apnsPort }, cancellationToken).ConfigureAwait(false);

        var serviceAccountFile = Path.Combine(outDir, "fcm-service-account.json");
        var keyFile = Path.Combine(outDir, "apns-key.p8");
        var certificateFile = Path.Combine(outDir, "apns-cert.pem");
        await File.WriteAllTextAsync(serviceAccountFile, fcm.ServiceAccountJson, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(keyFile, apns.SigningKeyPem, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(certificateFile, apns.CertificatePem, cancellationToken).ConfigureAwait(false);
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
        var settingsFile = Path.Combine(outDir, "push-fakes.settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"Fake FCM:  {fcm.BaseAddress} (HTTP/2 prior knowledge; HTTP/1.1 on {fcm.Http1BaseAddress}; project {fcm.ProjectId}, token endpoint {fcm.TokenEndpoint})").ConfigureAwait(false);
        await output.WriteLineAsync($"Fake APNs: {apns.BaseAddress} (HTTP/2 + TLS, team {apns.TeamId}, key {apns.KeyId}, topic {apns.BundleId})").ConfigureAwait(false);
        await output.WriteLineAsync($"Credentials and settings written to {outDir} ({Path.GetFileName(settingsFile)}). Inboxes: GET /_fake/messages?token=... Ctrl+C stops.").ConfigureAwait(false);
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

    private static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
