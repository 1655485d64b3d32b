using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Grains.Effects;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

/// <summary>Webhooks never reach loopback, link-local or private addresses unless the tenant lists the host, checked when
/// the challenge is made and again, on every resolved address, when the webhook is sent.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "webhookUrl.forbidden-address")]
    [InlineData("https://127.0.0.1:8443/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://10.1.2.3/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://192.168.1.1/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://[::1]/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://[fe80::1]/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://localhost/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://admin.localhost/hook", "webhookUrl.forbidden-address")]
    [InlineData("http://hooks.example.com/hook", "webhookUrl.invalid")]
    [InlineData("https://user:pw@hooks.example.com/hook", "webhookUrl.invalid")]
    public async Task Create_WebhookToNonPublicTarget_400AndNothingCreated(string url, string code)
    {
        await using var s = await Scenario.SqliteAsync();
        (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Dispose();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Create_LoopbackWebhookListedByTenant_CreatedWhereTheOperatorAllowsPrivateTargets()
    {
        await using var s = await Scenario.SqliteAsync(settings: new TenantSettings("Acme", WebhookAllowedHosts: ["127.0.0.1"]), silo: Scenario.PrivateWebhooks);
        (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Dispose();
        await s.PairAsync(await s.DeviceAsync(), "alice");

        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = "http://127.0.0.1:9/hook" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("https://10.0.0.8/hook", "10.0.0.8")]
    [InlineData("https://[fe80::1]/hook", "fe80::1")]
    public async Task Create_PrivateTargetListedByTenantAdmin_OperatorDefaultOutsideDevelopmentRefuses(string url, string listed)
    {
        // A tenant Admin lists loopback or the cloud metadata address: outside Development the operator's default forbids it.
        await using var s = await Scenario.SqliteAsync(settings: new TenantSettings("Acme", WebhookAllowedHosts: [listed]));
        (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Dispose();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = url });
        using var events = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = new[] { listed }, recovery = new { eventsWebhookUrl = url } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("webhookUrl.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Create_WebhookBeforeAnySecret_409AndNothingCreated()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = "https://hooks.example.com/h" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("webhook.no-secret", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Settings_TooManyOrMalformedAllowedHosts_400()
    {
        await using var s = await Scenario.SqliteAsync();

        using var tooMany = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = Enumerable.Range(0, 21).Select(i => $"h{i}.example.com") });
        using var malformed = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = new[] { "not a host" } });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("settings.webhook-allowed-hosts", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data", null, 400)]
    [InlineData("http://127.0.0.1:9/events", null, 400)]
    [InlineData("http://127.0.0.1:9/events", "127.0.0.1", 200)]
    public async Task Settings_UserEventsWebhook_SameAddressPolicy(string url, string? allowed, int expected)
    {
        await using var s = await Scenario.SqliteAsync(silo: Scenario.PrivateWebhooks);

        using var response = await s.Admin.PutAsJsonAsync("/v1/admin/settings",
            new { displayName = "Acme", webhookAllowedHosts = allowed is null ? null : new[] { allowed }, recovery = new { eventsWebhookUrl = url } });

        Assert.Equal(expected, (int)response.StatusCode);
        var stored = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");
        Assert.Equal(expected == 200, stored.TryGetProperty("recovery", out var r) && r.ValueKind == JsonValueKind.Object && r.GetProperty("eventsWebhookUrl").GetString() == url);
    }

    [Theory]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public async Task Send_PublicLookingNameResolvingToLoopback_ConnectsOnlyWhenListedAndTheOperatorAllows(bool listed, bool operatorAllows, bool expectConnection)
    {
        // A name server that answers loopback for a public-looking name: a DNS-rebinding attack by the time the webhook is sent.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        });
        var settings = new TenantSettings("Acme", NumberMatchingDigits: 0, WebhookAllowedHosts: listed ? ["hooks.example.net"] : null);
        await using var s = await Scenario.SqliteAsync(settings: settings,
            configure: b => b.Services.AddSingleton<IWebhookHostResolver>(new FixedResolver("hooks.example.net", IPAddress.Loopback)),
            silo: operatorAllows ? Scenario.PrivateWebhooks : null);
        (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Dispose();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        await s.CreateChallengeAsync("alice", extra: new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = $"https://hooks.example.net:{port}/hook" });
        (await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: true)).Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(expectConnection ? 15 : 4);
        while (DateTime.UtcNow < deadline && Volatile.Read(ref connections) == 0)
        {
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        listener.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => accepting);
        Assert.Equal(expectConnection, connections > 0);
    }

    private sealed class FixedResolver(string host, IPAddress address) : IWebhookHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(string.Equals(name, host, StringComparison.OrdinalIgnoreCase) ? [address] : Array.Empty<IPAddress>());
    }
}
