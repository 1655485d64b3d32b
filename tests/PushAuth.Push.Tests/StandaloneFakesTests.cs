using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests;

public sealed class StandaloneFakesTests : IDisposable
{
    private static readonly string[] FreePorts = ["--fcm-port", "0", "--apns-port", "0", "--fcm-http1-port", "0"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pushauth-fakes-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_OutFolder_WritesCredentialsThatPassOptionsValidation()
    {
        await using var run = await StandaloneRun.StartAsync(_folder, []);

        var (fcm, apns) = run.ReadOptions();

        Assert.True(new FcmOptionsValidator().Validate(null, fcm).Succeeded);
        Assert.True(new ApnsOptionsValidator().Validate(null, apns).Succeeded);
        Assert.NotEqual(0, fcm.BaseAddress.Port);
        Assert.Equal("127.0.0.1", fcm.BaseAddress.Host);
        Assert.True(File.Exists(apns.TrustedServerCertificateFile));
    }

    [Fact]
    public async Task RunAsync_PublicHost_AddressesTokenUriAndCertificateUseIt()
    {
        await using var run = await StandaloneRun.StartAsync(_folder, ["--public-host", "push-fakes"]);

        var (fcm, apns) = run.ReadOptions();
        using var serviceAccount = JsonDocument.Parse(await File.ReadAllTextAsync(fcm.ServiceAccountKeyFile!));
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(apns.TrustedServerCertificateFile!));

        Assert.Equal("http", fcm.BaseAddress.Scheme);
        Assert.Equal("push-fakes", fcm.BaseAddress.Host);
        Assert.Equal("https", apns.BaseAddress!.Scheme);
        Assert.Equal("push-fakes", apns.BaseAddress.Host);
        var tokenUri = new Uri(serviceAccount.RootElement.GetProperty("token_uri").GetString()!);
        Assert.Equal("push-fakes", tokenUri.Host);
        Assert.Equal("/token", tokenUri.AbsolutePath);
        Assert.Contains("push-fakes", DnsNames(certificate));
        Assert.Contains("localhost", DnsNames(certificate));
        Assert.True(certificate.MatchesHostname("push-fakes", allowWildcards: false, allowCommonName: false));
        Assert.True(new ApnsOptionsValidator().Validate(null, apns).Succeeded);
    }

    [Fact]
    public async Task RunAsync_FixedIds_WrittenToSettingsAndServiceAccount()
    {
        await using var run = await StandaloneRun.StartAsync(
            _folder,
            ["--project-id", "pushauth-staging", "--team-id", "STAGING001", "--key-id", "STAGINGK01", "--bundle-id", "com.example.staging"]);

        var (fcm, apns) = run.ReadOptions();
        using var serviceAccount = JsonDocument.Parse(await File.ReadAllTextAsync(fcm.ServiceAccountKeyFile!));

        Assert.Equal("pushauth-staging", fcm.ProjectId);
        Assert.Equal("pushauth-staging", serviceAccount.RootElement.GetProperty("project_id").GetString());
        Assert.Equal("STAGING001", apns.TeamId);
        Assert.Equal("STAGINGK01", apns.KeyId);
        Assert.Equal("com.example.staging", apns.BundleId);
    }

    [Fact]
    public async Task RunAsync_ListenAny_ReachableThroughPublicHost()
    {
        await using var run = await StandaloneRun.StartAsync(_folder, ["--listen-any", "--public-host", "localhost"]);

        var (fcm, _) = run.ReadOptions();
        using var serviceAccount = JsonDocument.Parse(await File.ReadAllTextAsync(fcm.ServiceAccountKeyFile!));
        var http1 = new Uri(serviceAccount.RootElement.GetProperty("token_uri").GetString()!);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(http1, "/_fake/messages"));

        Assert.Equal("localhost", http1.Host);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        Assert.Contains("all interfaces", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecondRunOnSameFolder_ReusesKeysAndCertificate()
    {
        string firstKey, firstCertificate, firstServiceAccountKey;
        await using (var first = await StandaloneRun.StartAsync(_folder, ["--public-host", "push-fakes"]))
        {
            (firstKey, firstCertificate, firstServiceAccountKey) = await ReadCredentialsAsync();
        }

        await using var second = await StandaloneRun.StartAsync(_folder, ["--public-host", "push-fakes"]);
        var (key, certificate, serviceAccountKey) = await ReadCredentialsAsync();

        Assert.Equal(firstKey, key);
        Assert.Equal(firstCertificate, certificate);
        Assert.Equal(firstServiceAccountKey, serviceAccountKey);
    }

    [Fact]
    public async Task RunAsync_NewPublicHost_ReplacesCertificate()
    {
        string firstCertificate;
        await using (var first = await StandaloneRun.StartAsync(_folder, []))
        {
            (_, firstCertificate, _) = await ReadCredentialsAsync();
        }

        await using var second = await StandaloneRun.StartAsync(_folder, ["--public-host", "push-fakes"]);
        var (_, certificate, _) = await ReadCredentialsAsync();
        using var loaded = X509Certificate2.CreateFromPem(certificate);

        Assert.NotEqual(firstCertificate, certificate);
        Assert.Contains("push-fakes", DnsNames(loaded));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--fcm-port", "http")]
    [InlineData("--apns-port", "70000")]
    [InlineData("--public-host")]
    [InlineData("--public-host", "not a host")]
    public async Task RunAsync_InvalidArguments_Returns2WithUsage(params string[] args)
    {
        using var output = new StringWriter();

        var code = await StandaloneFakes.RunAsync(["--out", _folder, .. args], output);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    private static List<string> DnsNames(X509Certificate2 certificate) =>
        [.. certificate.Extensions
            .Where(e => e.Oid?.Value == "2.5.29.17")
            .SelectMany(e => new X509SubjectAlternativeNameExtension(e.RawData, e.Critical).EnumerateDnsNames())];

    private async Task<(string Key, string Certificate, string ServiceAccountKey)> ReadCredentialsAsync()
    {
        using var serviceAccount = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "fcm-service-account.json")));
        return (
            await File.ReadAllTextAsync(Path.Combine(_folder, "apns-key.p8")),
            await File.ReadAllTextAsync(Path.Combine(_folder, "apns-cert.pem")),
            serviceAccount.RootElement.GetProperty("private_key").GetString()!);
    }

    /// <summary>A standalone run on free ports, started until its settings file exists, stopped on dispose.</summary>
    private sealed class StandaloneRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly StringWriter _output = new();
        private readonly string _folder;
        private Task<int> _run = Task.FromResult(0);

        private StandaloneRun(string folder) => _folder = folder;

        public string Output => _output.ToString();

        public static async Task<StandaloneRun> StartAsync(string folder, string[] args)
        {
            var run = new StandaloneRun(folder);
            run._run = StandaloneFakes.RunAsync(["--out", folder, .. FreePorts, .. args], run._output, run._stop.Token);
            var settings = Path.Combine(folder, StandaloneFakes.SettingsFileName);
            for (var i = 0; i < 200 && !File.Exists(settings) && !run._run.IsCompleted; i++)
            {
                await Task.Delay(50);
            }

            Assert.False(run._run.IsCompleted, run.Output);
            Assert.True(File.Exists(settings), "the settings file was not written");
            return run;
        }

        public (FcmOptions Fcm, ApnsOptions Apns) ReadOptions()
        {
            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, StandaloneFakes.SettingsFileName)));
            var push = settings.RootElement.GetProperty("Push");
            return (push.GetProperty("Fcm").Deserialize<FcmOptions>()!, push.GetProperty("Apns").Deserialize<ApnsOptions>()!);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(0, await _run);
            _stop.Dispose();
            _output.Dispose();
        }
    }
}
