using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PushAuth.Testing;

namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>
/// A real silo (Kestrel on a free loopback port) for functional tests. Silos of one test share one store:
/// a SQLite directory (one silo) or a private PostgreSQL database (any number).
/// </summary>
public sealed class SiloTestHost : IAsyncDisposable
{
    private SiloTestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>An HttpClient pointed at this silo (no credentials).</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The setting that starts a test silo as Development (<c>["environment"] = "Development"</c>): development keys
    /// kept in storage, no public URL needed. Without it a test silo runs as <c>Testing</c>, under production's rules,
    /// with <see cref="TestKeys"/>.</summary>
    public const string EnvironmentKey = "environment";

    /// <summary>Starts a silo with the given configuration (key=value pairs, e.g. <c>PushAuth:Storage:Provider=Postgres</c>).</summary>
    public static async Task<SiloTestHost> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        // The ports are chosen before the silo binds them (the public URL names the HTTP port), so another process on the
        // machine may take one in between: then the start is tried again on fresh ports, a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(settings, configure);
            }
            catch (Exception ex) when (attempt < 5 && AddressInUse(ex))
            {
            }
        }
    }

    private static bool AddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || ex.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<SiloTestHost> StartOnFreePortsAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        // The HTTP port is chosen first: outside Development the public URL (links, host filtering) names it.
        var port = FreePort();
        var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing", $"--PushAuth:Silo:SiloPort={FreePort()}",
            "--PushAuth:Silo:AdvertisedAddress=127.0.0.1" };
        if (!(settings.TryGetValue(EnvironmentKey, out var environment) && environment == "Development"))
        {
            var store = settings.TryGetValue("PushAuth:Storage:DataDirectory", out var data) && data is not null ? data
                : settings.TryGetValue("PushAuth:Storage:ConnectionString", out var connection) && connection is not null ? connection : Guid.NewGuid().ToString("N");
            var publicUrl = settings.TryGetValue("PushAuth:Silo:PublicUrl", out var configured) && configured is not null ? configured : $"http://127.0.0.1:{port}";
            var production = TestKeys.Settings
                .Append(KeyValuePair.Create("PushAuth:Silo:PublicUrl", $"http://127.0.0.1:{port}"))
                .Append(TestKeys.OidcHttpFor(publicUrl))
                // The test's clients call on loopback whatever the public URL a test sets, as in-cluster clients call a Service name.
                .Append(KeyValuePair.Create("PushAuth:Silo:AllowedHosts:99", "127.0.0.1"))
                .Append(KeyValuePair.Create("PushAuth:History:CheckpointDirectory", TestKeys.CheckpointDirectory(store)));
            foreach (var (key, value) in production.Where(k => !settings.ContainsKey(k.Key)))
            {
                args.Add($"--{key}={value}");
            }
        }
        foreach (var (key, value) in settings)
        {
            args.Add($"--{key}={value}");
        }
        var app = SiloApplication.Create([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (Environment.GetEnvironmentVariable("PUSHAUTH_TEST_LOGS") is not null)
            {
                builder.Logging.AddConsole();
            }
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // What did start (the Orleans silo, before Kestrel failed to bind) stops before the next attempt; the start's
            // own exception is what the caller sees, never one of stopping what never started.
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(stop.Token);
            }
            catch (Exception)
            {
            }
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new SiloTestHost(app, new Uri(address));
        await host.WaitReadyAsync();
        return host;
    }

    /// <summary>A silo on a fresh SQLite directory.</summary>
    public static Task<SiloTestHost> StartSqliteAsync(string? dataDirectory = null, IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PushAuth:Storage:Provider"] = "Sqlite",
            ["PushAuth:Storage:DataDirectory"] = dataDirectory ?? Path.Combine(Path.GetTempPath(), "pushauth-silo-" + Guid.NewGuid().ToString("N")),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        return StartAsync(settings, configure);
    }

    /// <summary>A silo on a PostgreSQL database (create one with <see cref="CreatePostgresDatabaseAsync"/> and share it between silos).</summary>
    public static Task<SiloTestHost> StartPostgresAsync(string connectionString, IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PushAuth:Storage:Provider"] = "Postgres",
            ["PushAuth:Storage:ConnectionString"] = connectionString,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        return StartAsync(settings, configure);
    }

    public static async Task<string> CreatePostgresDatabaseAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("silo");

    /// <summary>A free loopback port for the silo-to-silo endpoint (tests run many silos in one process).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("Silo did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await App.StopAsync(stop.Token);
        }
        await App.DisposeAsync();
    }
}
