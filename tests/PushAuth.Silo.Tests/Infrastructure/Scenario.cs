using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using Xunit;

namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>A tenant on one or more real silos, with login-service and admin clients and simulated devices.</summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];

    private readonly bool _ownsSilos = true;

    private Scenario(IReadOnlyList<SiloTestHost> silos, bool ownsSilos = true)
    {
        Silos = silos;
        _ownsSilos = ownsSilos;
    }

    public IReadOnlyList<SiloTestHost> Silos { get; }

    public string TenantId { get; private set; } = "";

    public HttpClient Login { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A tenant on an already started silo (the caller disposes the silo).</summary>
    public static async Task<Scenario> OnAsync(SiloTestHost silo, string tenantId = "acme") => await CreateAsync([silo], tenantId, null, ownsSilos: false);

    /// <summary>A tenant that exists already (e.g. made by the bootstrap-tenant command), reached with its printed keys;
    /// the caller disposes the silo.</summary>
    public static Scenario Existing(SiloTestHost silo, string tenantId, string adminKey, string loginKey)
    {
        var scenario = new Scenario([silo], ownsSilos: false) { TenantId = tenantId };
        scenario.Admin = scenario.Client(0, adminKey);
        scenario.Login = scenario.Client(0, loginKey);
        return scenario;
    }

    /// <summary>A tenant on already started silos that the scenario then owns (disposes).</summary>
    public static async Task<Scenario> OnSilosAsync(IReadOnlyList<SiloTestHost> silos, string tenantId = "acme") => await CreateAsync(silos, tenantId, null);

    /// <summary>The operator setting that lets a tenant's webhookAllowedHosts open loopback receivers (a test's own), which
    /// outside Development is off.</summary>
    public static IDictionary<string, string?> PrivateWebhooks => new Dictionary<string, string?> { ["PushAuth:Webhooks:AllowPrivateTargets"] = "true" };

    public static async Task<Scenario> SqliteAsync(string tenantId = "acme", TenantSettings? settings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? silo = null) =>
        await CreateAsync([await SiloTestHost.StartSqliteAsync(extra: silo, configure: configure)], tenantId, settings);

    /// <summary>A silo whose domain clock is <paramref name="time"/> (e.g. a FakeTimeProvider the test advances).</summary>
    public static async Task<Scenario> SqliteWithClockAsync(TimeProvider time, string tenantId = "acme", IDictionary<string, string?>? silo = null) =>
        await CreateAsync([await SiloTestHost.StartSqliteAsync(extra: silo, configure: b => b.Services.AddSingleton(time))], tenantId, null);

    public static Task<Scenario> PostgresAsync(int silos, string tenantId = "acme", TenantSettings? settings = null) =>
        PostgresWithRolesAsync([.. Enumerable.Repeat("All", silos)], tenantId, settings);

    /// <summary>One silo per role given (All, Api, Gateway) on one private PostgreSQL database.</summary>
    public static async Task<Scenario> PostgresWithRolesAsync(IReadOnlyList<string> roles, string tenantId = "acme", TenantSettings? settings = null)
    {
        var db = await SiloTestHost.CreatePostgresDatabaseAsync();
        var hosts = new List<SiloTestHost>();
        foreach (var role in roles)
        {
            hosts.Add(await SiloTestHost.StartPostgresAsync(db, new Dictionary<string, string?> { ["PushAuth:Silo:Role"] = role }));
        }
        return await CreateAsync(hosts, tenantId, settings);
    }

    /// <summary>Adds another tenant on the same silos.</summary>
    public async Task<Scenario> OtherTenantAsync(string tenantId)
    {
        var other = new Scenario(Silos);
        await other.BootstrapAsync(tenantId, null);
        _disposables.Add(other.Login);
        _disposables.Add(other.Admin);
        return other;
    }

    private static async Task<Scenario> CreateAsync(IReadOnlyList<SiloTestHost> silos, string tenantId, TenantSettings? settings, bool ownsSilos = true)
    {
        var scenario = new Scenario(silos, ownsSilos);
        await scenario.BootstrapAsync(tenantId, settings);
        return scenario;
    }

    private async Task BootstrapAsync(string tenantId, TenantSettings? settings)
    {
        TenantId = tenantId;
        var keys = await Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenantId).CreateAsync(tenantId + " Inc", RequestOrigin.Internal);
        Admin = Client(0, keys.Single(k => k.Role == ApiKeyRole.Admin).Key);
        Login = Client(0, keys.Single(k => k.Role == ApiKeyRole.LoginService).Key);
        if (settings is not null)
        {
            using var response = await Admin.PutAsJsonAsync("/v1/admin/settings", settings, DeviceClient.Json);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>A client for silo <paramref name="silo"/> with the given bearer key.</summary>
    public HttpClient Client(int silo, string? bearer)
    {
        var client = new HttpClient { BaseAddress = Silos[silo].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        _disposables.Add(client);
        return client;
    }

    /// <summary>The login-service key's client against another silo.</summary>
    public HttpClient LoginOn(int silo) => Client(silo, Login.DefaultRequestHeaders.Authorization!.Parameter);

    /// <summary>A registered device talking to silo <paramref name="silo"/>.</summary>
    public async Task<DeviceClient> DeviceAsync(int silo = 0, string provider = "dev", string? token = null)
    {
        var http = new HttpClient { BaseAddress = Silos[silo].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _disposables.Add(http);
        var device = new DeviceClient(http, DeviceKeyPair.Create());
        _disposables.Add(device);
        await device.RegisterAsync(pushProvider: provider, pushToken: token);
        return device;
    }

    /// <summary>The same device (same key and id) talking to another silo.</summary>
    public DeviceClient SameDeviceOn(DeviceClient device, int silo)
    {
        var http = new HttpClient { BaseAddress = Silos[silo].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _disposables.Add(http);
        var copy = new DeviceClient(http, DeviceKeyPair.ImportPkcs8(device.Key.ExportPkcs8()));
        copy.UseDevice(device.DeviceId!);
        _disposables.Add(copy);
        return copy;
    }

    /// <summary>Pairs a device with a user through the phrase flow.</summary>
    public async Task<string> PairAsync(DeviceClient device, string userId, HttpClient? login = null)
    {
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        using var claim = await (login ?? Login).PostAsJsonAsync("/v1/pairings", new { phrase, userId, serviceName = "Acme Mail" });
        Assert.Equal(System.Net.HttpStatusCode.Created, claim.StatusCode);
        using var confirm = await device.ConfirmPairingAsync(pairingId, accept: true);
        var view = await DeviceClient.ReadAsync<JsonElement>(confirm, CancellationToken.None);
        Assert.Equal("Accepted", view.GetProperty("status").GetString());
        return view.GetProperty("methodId").GetString()!;
    }

    /// <summary>Creates a challenge; returns the parsed body.</summary>
    public async Task<JsonElement> CreateChallengeAsync(string userId, HttpClient? login = null, object? extra = null)
    {
        using var response = await (login ?? Login).PostAsJsonAsync("/v1/challenges", extra ?? new
        {
            userId,
            context = new { service = "Acme Mail", action = "Sign in", sourceIp = "203.0.113.10", city = "Lyon", country = "FR", browser = "Firefox", operatingSystem = "Linux" },
        });
        return await DeviceClient.ReadAsync<JsonElement>(response, CancellationToken.None);
    }

    /// <summary>The admin history query, read until <paramref name="complete"/> holds (events are appended just after the write that owes them).</summary>
    public async Task<List<JsonElement>> AuditAsync(string query, Func<List<JsonElement>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var audit = (await Admin.GetFromJsonAsync<JsonElement>("/v1/admin/audit?" + query)).EnumerateArray().ToList();
            if (complete(audit) || DateTime.UtcNow > deadline)
            {
                return audit;
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }
        foreach (var silo in _ownsSilos ? Silos : [])
        {
            await silo.DisposeAsync();
        }
    }
}
