using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Http;

/// <summary>Every rate-limited route tells its policy and what is left (draft-ietf-httpapi-ratelimit-headers-10:
/// <c>RateLimit-Policy: "name";q=..;w=..</c>, <c>RateLimit: "name";r=..;t=..</c>) on a success and on the 429, with
/// Retry-After on the 429; only limits keyed by what the caller holds (its address, its device) are told.</summary>
public sealed class RateLimitHeadersTests
{
    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client)
    {
        using var key = DeviceKeyPair.Create();
        using var nonceResponse = await client.PostAsync("/v1/devices/registration-nonce", null);
        var nonce = (await DeviceClient.ReadAsync<JsonElement>(nonceResponse, default)).GetProperty("nonce").GetString()!;
        return await client.PostAsJsonAsync("/v1/devices", new
        {
            publicKey = key.PublicKeySpki, platform = "android", pushProvider = "dev", appVersion = "1", displayName = "Phone", nonce,
            proof = key.SignToBase64Url($"PA2-REGISTER\n{nonce}\n{key.PublicKeySpki}"),
        });
    }

    [Fact]
    public async Task Registration_CountsDownPerAddressThen429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync(configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Devices:RegistrationsPerMinutePerAddress"] = "3" }));
        var client = s.Client(0, null);
        using var nonce = await client.PostAsync("/v1/devices/registration-nonce", null);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await RegisterAsync(client));
        }

        // The nonce route is not limited: no fields.
        RateLimitAssert.None(nonce);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal([2, 1, 0, 0], responses.Select(r => RateLimitAssert.Single(r, "registration", quota: 3, window: 60).Remaining));
        RateLimitAssert.RefusedWithRetryAfter(responses[3], "registration", 60);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task PairingClaim_UnknownPhrasesCountDownPerTenantAndAddress_SuccessTellsWhatIsLeft_Then429()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (_, phrase) = await device.RequestPairingPhraseAsync();
        var unknown = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            unknown.Add(await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = "apple-river-stone-cloud", userId = "alice", serviceName = "Mail" }));
        }
        using var valid = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" });
        for (var i = 3; i < 11; i++)
        {
            unknown.Add(await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = "apple-river-stone-maple", userId = "alice", serviceName = "Mail" }));
        }

        Assert.All(unknown.Take(10), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal([9, 8, 7], unknown.Take(3).Select(r => RateLimitAssert.Single(r, "unknown-phrase", quota: 10, window: 60).Remaining));
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        // A known phrase costs nothing and is never refused, but tells what is left.
        Assert.Equal(7, RateLimitAssert.Single(valid, "unknown-phrase", quota: 10, window: 60).Remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown[10].StatusCode);
        RateLimitAssert.RefusedWithRetryAfter(unknown[10], "unknown-phrase", 60);
        unknown.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task PairingPhrases_CountDownPerDeviceThen429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync(configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Devices:PairingPhrasesPerHour"] = "2" }));
        var device = await s.DeviceAsync();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await device.SendAsync(HttpMethod.Post, "/v1/device/pairing-phrases"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal([1, 0, 0], responses.Select(r => RateLimitAssert.Single(r, "pairing-phrase", quota: 2, window: 3600).Remaining));
        await BackupTestKit.AssertProblemAsync(responses[2], HttpStatusCode.TooManyRequests, "pairing.phrase-rate-limited");
        RateLimitAssert.RefusedWithRetryAfter(responses[2], "pairing-phrase", 3600);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ContactVerification_DeviceAndAddressBudgetsCountDownThen429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync(configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PushAuth:Contact:SendsPerDevicePerHour"] = "2", ["PushAuth:Contact:SendsPerSourcePerHour"] = "3",
        }));
        var first = await s.DeviceAsync();
        var second = await s.DeviceAsync();
        var responses = new List<HttpResponseMessage>();
        foreach (var device in new[] { first, first, first, second, second })
        {
            responses.Add(await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = $"u{responses.Count}@example.com" }));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests],
            responses.Select(r => r.StatusCode));
        Assert.Equal([("contact-device", 1), ("contact-source", 2)], RateLimitAssert.All(responses[0], 3600));
        Assert.Equal([("contact-device", 0), ("contact-source", 1)], RateLimitAssert.All(responses[1], 3600));
        // The device's own budget refuses first and the address's is not taken.
        Assert.Equal([("contact-device", 0)], RateLimitAssert.All(responses[2], 3600));
        RateLimitAssert.RefusedWithRetryAfter(responses[2], "contact-device", 3600);
        Assert.Equal([("contact-device", 1), ("contact-source", 0)], RateLimitAssert.All(responses[3], 3600));
        await BackupTestKit.AssertProblemAsync(responses[4], HttpStatusCode.TooManyRequests, "source.rate-limited");
        RateLimitAssert.RefusedWithRetryAfter(responses[4], "contact-source", 3600);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ConsoleSignIn_TellsTheAddressBudgetOnly_NeverTheTenants()
    {
        await using var s = await Scenario.SqliteAsync(configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PushAuth:Console:SignInAttemptsPerSourcePerMinute"] = "3",
        }));
        var prober = s.ConsoleClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await prober.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId }));
        }
        using var signIn = await prober.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, credential = new { } });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal([2, 1, 0, 0], responses.Select(r => RateLimitAssert.Single(r, "console-sign-in", quota: 3, window: 60).Remaining));
        RateLimitAssert.RefusedWithRetryAfter(responses[3], "console-sign-in", 60);
        // The per-tenant limit counts everyone's attempts on the tenant: an unauthenticated caller never sees it.
        Assert.All(responses.Append(signIn), r => Assert.DoesNotContain("tenant", string.Join(",", r.Headers.Where(h => h.Key.StartsWith("RateLimit", StringComparison.Ordinal))
            .SelectMany(h => h.Value)), StringComparison.Ordinal));
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ChallengeCreation_UserPushRateCountsDownForTheKey_Then429WithRetryAfter_NeverToAnAnonymousCaller()
    {
        await using var s = await Scenario.SqliteAsync(settings: new TenantSettings("Acme", PushesPerUserPerMinute: 3, MaxOutstandingChallenges: 10));
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var body = new { userId = "alice", context = new { service = "Acme Mail", action = "Sign in" } };
        using var anonymous = await s.Client(0, null).PostAsJsonAsync("/v1/challenges", body);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await s.Login.PostAsJsonAsync("/v1/challenges", body));
        }

        // The key that spends the user's pushes is told what is left of the tenant's per-minute quota.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal([2, 1, 0, 0], responses.Select(r => RateLimitAssert.Single(r, "user-push", quota: 3, window: 60).Remaining));
        await BackupTestKit.AssertProblemAsync(responses[3], HttpStatusCode.TooManyRequests, "push.rate-limited");
        RateLimitAssert.RefusedWithRetryAfter(responses[3], "user-push", 60);
        // Nobody else learns a user's push budget from a header.
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        RateLimitAssert.None(anonymous);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ChallengeCreation_IdempotentReplayAndOutstandingCap429_TellNoPushRate()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var body = new { userId = "alice", context = new { service = "Acme Mail", action = "Sign in" } };
        async Task<HttpResponseMessage> KeyedAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/challenges") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "login-1");
            return await s.Login.SendAsync(request);
        }
        var responses = new List<HttpResponseMessage> { await KeyedAsync(), await KeyedAsync() };
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await s.Login.PostAsJsonAsync("/v1/challenges", body));
        }

        // Default quota: 5 a minute. A replay takes nothing and checks nothing, so it tells nothing.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], responses.Take(4).Select(r => r.StatusCode));
        Assert.Equal(4, RateLimitAssert.Single(responses[0], "user-push", quota: 5, window: 60).Remaining);
        RateLimitAssert.None(responses[1]);
        Assert.Equal([3, 2], responses.Skip(2).Take(2).Select(r => RateLimitAssert.Single(r, "user-push", quota: 5, window: 60).Remaining));
        // The outstanding cap is a concurrency cap, not the per-minute rate: Retry-After only.
        await BackupTestKit.AssertProblemAsync(responses[4], HttpStatusCode.TooManyRequests, "push.too-many-outstanding");
        Assert.NotNull(responses[4].Headers.RetryAfter);
        RateLimitAssert.None(responses[4]);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task TemporaryCodes_HourlyQuotaCountsDownForTheIssuingAdmin_Then429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var console = (await s.ConsoleAdminAsync("ManageMfa")).Client;
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            responses.Add(await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 }));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, 6), HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal([5, 4, 3, 2, 1, 0, 0], responses.Select(r => RateLimitAssert.Single(r, "temporary-code", quota: 6, window: 3600).Remaining));
        await BackupTestKit.AssertProblemAsync(responses[6], HttpStatusCode.TooManyRequests, "temporary-code.rate-limited");
        RateLimitAssert.RefusedWithRetryAfter(responses[6], "temporary-code", 3600);
        // The quota stays out of the body: the code response reads as before.
        Assert.False((await responses[0].Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("rateLimit", out _));
        responses.ForEach(r => r.Dispose());
    }
}
