using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

public sealed class PairingTests
{
    [Fact]
    public async Task PhraseFlow_ClaimConfirmWait_PairsDeviceAsPushMethod()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        Assert.Equal(4, phrase.Split('-').Length);

        using var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = phrase.ToUpperInvariant().Replace('-', ' '), userId = "alice", serviceName = "Acme Mail" });
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        var waiter = s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}?wait=20");
        using var pending = await device.SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}");
        var request = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Acme Mail", request.GetProperty("serviceName").GetString());
        using var confirm = await device.ConfirmPairingAsync(pairingId, accept: true);
        var result = await waiter;

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("Accepted", result.GetProperty("status").GetString());
        var methods = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods");
        Assert.Contains(methods.EnumerateArray(), m => m.GetProperty("kind").GetString() == "push" && m.GetProperty("deviceId").GetString() == device.DeviceId);
    }

    [Fact]
    public async Task PhraseFlow_Rejected_NothingPaired()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Acme Mail" })).Dispose();

        using var reject = await device.ConfirmPairingAsync(pairingId, accept: false);

        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}");
        Assert.Equal("Rejected", view.GetProperty("status").GetString());
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
    }

    [Fact]
    public async Task Claim_UnknownOrReusedPhrase_404ProblemAndNothingHalfPaired()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (_, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();

        using var reused = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "mallory", serviceName = "Mail" });
        using var unknown = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = "apple-apple-apple-apple", userId = "mallory", serviceName = "Mail" });
        using var malformed = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = "not a phrase", userId = "mallory", serviceName = "Mail" });

        foreach (var response in new[] { reused, unknown, malformed })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/mallory/methods")).EnumerateArray());
    }

    [Fact]
    public async Task Claim_UnknownPhrasesRepeatedly_RateLimited429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 12; i++)
        {
            last?.Dispose();
            last = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = $"apple-river-stone-{(i % 2 == 0 ? "cloud" : "maple")}", userId = "alice", serviceName = "Mail" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        last.Dispose();
    }

    [Fact]
    public async Task Claim_SamePhraseConcurrently_ExactlyOneWins()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (_, phrase) = await device.RequestPairingPhraseAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "user" + i, serviceName = "Mail" })));

        Assert.Single(claims, c => c.StatusCode == HttpStatusCode.Created);
        Assert.All(claims.Where(c => c.StatusCode != HttpStatusCode.Created), c => Assert.Equal(HttpStatusCode.NotFound, c.StatusCode));
    }

    [Fact]
    public async Task Confirm_WrongSignature_401AndStillAwaitingDevice()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();

        using var forged = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm", new { decision = "accept", signature = "AAAA" });

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}");
        Assert.Equal("AwaitingDevice", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task QrOffer_DeviceCompletes_PairedOnce_ReuseAndWrongCredentialRefused()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        using var offerResponse = await s.Login.PostAsJsonAsync("/v1/pairing-offers", new { userId = "bob", serviceName = "Acme VPN" });
        var offer = await DeviceClient.ReadAsync<JsonElement>(offerResponse, default);
        var uri = offer.GetProperty("uri").GetString()!;
        Assert.StartsWith("pushauth://enroll?offer=pr_", uri);
        Assert.Contains("&server=", uri);

        var wrong = uri.Replace("credential=", "credential=x", StringComparison.Ordinal);
        using var bad = await device.CompleteOfferAsync(wrong);
        using var done = await device.CompleteOfferAsync(uri);
        var other = await s.DeviceAsync();
        using var reused = await other.CompleteOfferAsync(uri);

        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        var methods = (await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/bob/methods")).EnumerateArray().ToList();
        Assert.Single(methods);
        Assert.Equal(device.DeviceId, methods[0].GetProperty("deviceId").GetString());
    }

    [Fact]
    public async Task TwoSilos_ClaimOnA_ConfirmOnB_WaiterOnAWoken()
    {
        await using var s = await Scenario.PostgresAsync(silos: 2);
        var deviceOnB = await s.DeviceAsync(silo: 1);
        var (pairingId, phrase) = await deviceOnB.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "carol", serviceName = "Mail" })).Dispose();
        var waiter = s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}?wait=20");
        await Task.Delay(200);

        (await deviceOnB.ConfirmPairingAsync(pairingId, accept: true)).Dispose();

        var started = DateTime.UtcNow;
        var result = await waiter;
        Assert.Equal("Accepted", result.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "woken by the notification, not by the wait running out");
    }
}
