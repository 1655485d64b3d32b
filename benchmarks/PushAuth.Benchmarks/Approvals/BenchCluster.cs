using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PushAuth.Abstractions;
using PushAuth.Benchmarks.Processes;
using PushAuth.DeviceSimulator;
using PushAuth.Security;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>Real silos on loopback (in this process) with a tenant, for HTTP benchmarks.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    public List<Uri> Addresses { get; } = [];

    /// <summary>Each silo's services.</summary>
    public IEnumerable<IServiceProvider> Services => _apps.Select(a => a.Services);

    public List<HttpClient> Login { get; } = [];

    public List<HttpClient> Anonymous { get; } = [];

    /// <summary>The bench tenant's Admin key (OpenID Connect client registration).</summary>
    public string AdminKey { get; private set; } = "";

    public static async Task<BenchCluster> StartAsync(int silos, Dictionary<string, string?> settings)
    {
        var cluster = new BenchCluster();
        for (var i = 0; i < silos; i++)
        {
            // Every simulated phone registers from loopback.
            var port = FreePort();
            var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", $"--PushAuth:Silo:PublicUrl=http://127.0.0.1:{port}", $"--PushAuth:Silo:SiloPort={FreePort()}", "--PushAuth:Silo:AdvertisedAddress=127.0.0.1", "--PushAuth:Devices:RegistrationsPerMinutePerAddress=10000000" };
            // Production's rules: keys from configuration (made for this run, equal on every silo), none in the database.
            args.AddRange(BenchKeys.Arguments);
            args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));
            var app = PushAuth.Silo.SiloApplication.Create([.. args], b =>
            {
                b.Logging.ClearProviders();
                b.Logging.SetMinimumLevel(LogLevel.Error);
            });
            await app.StartAsync();
            cluster._apps.Add(app);
            cluster.Addresses.Add(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
        }
        var keys = await cluster._apps[0].Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<ITenantGrain>("bench").CreateAsync("Bench", RequestOrigin.Internal);
        var loginKey = keys.Single(k => k.Role == ApiKeyRole.LoginService).Key;
        var adminKey = keys.Single(k => k.Role == ApiKeyRole.Admin).Key;
        cluster.AdminKey = adminKey;
        foreach (var address in cluster.Addresses)
        {
            cluster.Login.Add(NewClient(address, loginKey));
            cluster.Anonymous.Add(NewClient(address, null));
        }
        using var admin = NewClient(cluster.Addresses[0], adminKey);
        // Many users, each well inside the per-user push limits.
        using var response = await admin.PutAsJsonAsync("/v1/admin/settings", new TenantSettings("Bench", NumberMatchingDigits: 2, MaxOutstandingChallenges: 3, PushesPerUserPerMinute: 60), DeviceClient.Json);
        response.EnsureSuccessStatusCode();
        return cluster;
    }


    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static HttpClient NewClient(Uri address, string? bearer, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10), AllowAutoRedirect = followRedirects };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>Registers a device on <paramref name="silo"/> and pairs it with <paramref name="userId"/> by phrase.</summary>
    public async Task<DeviceClient> PairAsync(string userId, int silo, CancellationToken cancellationToken)
    {
        var device = new DeviceClient(Anonymous[silo], DeviceKeyPair.Create());
        await device.RegisterAsync(cancellationToken: cancellationToken);
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync(cancellationToken);
        using (var claim = await Login[silo].PostAsJsonAsync("/v1/pairings", new { phrase, userId, serviceName = "Bench" }, cancellationToken))
        {
            claim.EnsureSuccessStatusCode();
        }
        using var confirm = await device.ConfirmPairingAsync(pairingId, accept: true, cancellationToken);
        confirm.EnsureSuccessStatusCode();
        return device;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Login.Concat(Anonymous))
        {
            client.Dispose();
        }
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
