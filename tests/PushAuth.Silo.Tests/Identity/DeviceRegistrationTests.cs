using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Registration proves the key over a server nonce (one key is one device), is rate-limited per address, and
/// devices that never pair are purged.</summary>
public sealed class DeviceRegistrationTests
{
    private static async Task<string> NonceAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/devices/registration-nonce", null);
        return (await DeviceClient.ReadAsync<JsonElement>(response, default)).GetProperty("nonce").GetString()!;
    }

    private static object Body(DeviceKeyPair key, string? nonce, string proof) =>
        new { publicKey = key.PublicKeySpki, platform = "android", pushProvider = "dev", appVersion = "1", displayName = "Phone", nonce, proof };

    [Fact]
    public async Task Register_ProofOverTheOldFixedString_RefusedAndNoDevice()
    {
        await using var s = await Scenario.SqliteAsync();
        using var key = DeviceKeyPair.Create();
        var client = s.Client(0, null);

        using var fixedString = await client.PostAsJsonAsync("/v1/devices", Body(key, null, key.SignToBase64Url("PA1-REGISTER\n" + key.PublicKeySpki)));
        var nonce = await NonceAsync(client);
        using var wrongNonce = await client.PostAsJsonAsync("/v1/devices", Body(key, nonce + "x", key.SignToBase64Url($"PA2-REGISTER\n{nonce}x\n{key.PublicKeySpki}")));

        // The old protocol sends no nonce: a missing required field (400 nonce.missing); a wrong nonce fails the proof (401).
        Assert.Equal(HttpStatusCode.BadRequest, fixedString.StatusCode);
        Assert.Equal("nonce.missing", (await fixedString.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongNonce.StatusCode);
        Assert.Equal(0, await CountAsync(s, "device.registered"));
    }

    [Fact]
    public async Task Register_CapturedRequestReplayed_409AndOneDevice()
    {
        await using var s = await Scenario.SqliteAsync();
        using var key = DeviceKeyPair.Create();
        var client = s.Client(0, null);
        var nonce = await NonceAsync(client);
        var body = Body(key, nonce, key.SignToBase64Url($"PA2-REGISTER\n{nonce}\n{key.PublicKeySpki}"));

        using var first = await client.PostAsJsonAsync("/v1/devices", body);
        var replays = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsJsonAsync("/v1/devices", body)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await CountAsync(s, "device.registered"));
    }

    [Fact]
    public async Task Register_ManyFromOneAddress_429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync(configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Devices:RegistrationsPerMinutePerAddress"] = "3" }));
        var client = s.Client(0, null);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var key = DeviceKeyPair.Create();
            var nonce = await NonceAsync(client);
            using var response = await client.PostAsJsonAsync("/v1/devices", Body(key, nonce, key.SignToBase64Url($"PA2-REGISTER\n{nonce}\n{key.PublicKeySpki}")));
            answers.Add(response.StatusCode);
            if (i == 4)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("device.rate-limited", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Device_NeverPaired_PurgedAfterTheLifetimeWhilePairedOneStays()
    {
        await using var s = await Scenario.SqliteAsync(configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Devices:UnpairedLifetime"] = "00:00:02" }));
        var unpaired = await s.DeviceAsync();
        var paired = await s.DeviceAsync();
        await s.PairAsync(paired, "alice");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await unpaired.OpenSessionAsync();
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the unpaired device was never purged");
            await Task.Delay(250);
        }

        await paired.OpenSessionAsync();
        Assert.Single(await s.Login.GetFromJsonAsync<JsonElement[]>("/v1/users/alice/methods") ?? []);
        var deadlineForHistory = DateTime.UtcNow.AddSeconds(10);
        while (await CountAsync(s, "device.purged") == 0 && DateTime.UtcNow < deadlineForHistory)
        {
            await Task.Delay(100);
        }
        Assert.Equal(1, await CountAsync(s, "device.purged"));
    }

    /// <summary>Device events are kept in the reserved "_devices" history, which no tenant's admin reads: counted in the store.</summary>
    private static async Task<int> CountAsync(Scenario s, string activity)
    {
        await Task.Delay(300);
        var store = (PushAuth.History.IHistoryStore)s.Silos[0].Services.GetService(typeof(PushAuth.History.IHistoryStore))!;
        return (await store.QueryAsync(new PushAuth.History.HistoryQuery("_devices", Activity: activity, Limit: 100), default)).Count;
    }
}
