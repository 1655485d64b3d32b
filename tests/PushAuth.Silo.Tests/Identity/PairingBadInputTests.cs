using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Every bad pairing input gets a clear problem+json 4xx and leaves nothing half-paired.</summary>
public sealed class PairingBadInputTests
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    private static async Task<int> MethodCountAsync(Scenario s, string userId) =>
        (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/methods")).GetArrayLength();

    [Fact]
    public async Task Claim_ExpiredPhrase_404AndNothingPaired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" });

        await AssertProblemAsync(claim, HttpStatusCode.NotFound, "pairing.unknown-phrase");
        Assert.Equal(0, await MethodCountAsync(s, "alice"));
        var view = await DeviceClient.ReadAsync<JsonElement>(await device.SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}"), default);
        Assert.Equal("Expired", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Confirm_AfterPairingExpired_410AndNothingPaired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();
        var request = await device.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(5));
        Assert.NotNull(request);

        clock.Advance(TimeSpan.FromMinutes(11));
        using var confirm = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm",
            new { decision = "accept", signature = device.Key.SignToBase64Url(CanonicalPairingConfirmation.Build(pairingId, request.Nonce, "accept", device.DeviceId!)) });

        await AssertProblemAsync(confirm, HttpStatusCode.Gone, "pairing.expired");
        Assert.Equal(0, await MethodCountAsync(s, "alice"));
        Assert.Equal("Expired", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CompleteOffer_Expired_410AndNothingPaired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var device = await s.DeviceAsync();
        using var created = await s.Login.PostAsJsonAsync("/v1/pairing-offers", new { userId = "bob", serviceName = "VPN" });
        var uri = (await DeviceClient.ReadAsync<JsonElement>(created, default)).GetProperty("uri").GetString()!;

        clock.Advance(TimeSpan.FromMinutes(11));
        using var complete = await device.CompleteOfferAsync(uri);

        await AssertProblemAsync(complete, HttpStatusCode.Gone, "pairing.offer-used");
        Assert.Equal(0, await MethodCountAsync(s, "bob"));
    }

    [Fact]
    public async Task CompleteOffer_FiveWrongCredentials_OfferVoidEvenForTheRightOne()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        using var created = await s.Login.PostAsJsonAsync("/v1/pairing-offers", new { userId = "bob", serviceName = "VPN" });
        var offer = await DeviceClient.ReadAsync<JsonElement>(created, default);
        var uri = offer.GetProperty("uri").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await device.CompleteOfferAsync(uri.Replace("credential=", $"credential=guess{i}", StringComparison.Ordinal));
            await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized, "pairing.bad-credential");
        }

        using var right = await device.CompleteOfferAsync(uri);

        await AssertProblemAsync(right, HttpStatusCode.Gone, "pairing.offer-used");
        Assert.Equal("Rejected", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{offer.GetProperty("pairingId").GetString()}")).GetProperty("status").GetString());
        Assert.Equal(0, await MethodCountAsync(s, "bob"));
    }

    [Fact]
    public async Task CompleteOffer_UnknownOfferId_404()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();

        using var unknown = await device.SendAsync(HttpMethod.Post, "/v1/device/pairing-offers/complete", new { offerId = "pr_doesnotexist", credential = "abc" });
        using var malformedId = await device.SendAsync(HttpMethod.Post, "/v1/device/pairing-offers/complete", new { offerId = "../../etc", credential = "abc" });
        using var oversizedCredential = await device.SendAsync(HttpMethod.Post, "/v1/device/pairing-offers/complete", new { offerId = "pr_x1", credential = new string('c', 500) });

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "pairing.offer-not-found");
        Assert.Equal(HttpStatusCode.NotFound, malformedId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversizedCredential.StatusCode);
    }

    [Fact]
    public async Task Claim_OversizedOrMalformedFields_400AndPhraseStillUsable()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();

        using var longService = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = new string('s', 101) });
        using var longUser = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = new string('u', 129), serviceName = "Mail" });
        using var controlChars = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail\u0007" });
        using var missing = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase });
        using var longPhrase = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = new string('a', 5000), userId = "alice", serviceName = "Mail" });

        await AssertProblemAsync(longService, HttpStatusCode.BadRequest, "serviceName.invalid");
        await AssertProblemAsync(longUser, HttpStatusCode.BadRequest, "userId.invalid");
        await AssertProblemAsync(controlChars, HttpStatusCode.BadRequest, "serviceName.invalid");
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "userId.invalid");
        Assert.Equal(HttpStatusCode.NotFound, longPhrase.StatusCode);
        // A rejected request consumed nothing: the phrase still pairs.
        using var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" });
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        (await device.ConfirmPairingAsync(pairingId, accept: true)).Dispose();
        Assert.Equal(1, await MethodCountAsync(s, "alice"));
    }

    [Fact]
    public async Task Confirm_Twice_SecondIs409AndPairedOnce()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "bob", serviceName = "Mail" })).Dispose();
        var request = await device.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(5));
        var body = new { decision = "accept", signature = device.Key.SignToBase64Url(CanonicalPairingConfirmation.Build(pairingId, request!.Nonce, "accept", device.DeviceId!)) };

        using var first = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm", body);
        using var replay = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(replay, HttpStatusCode.Conflict, "pairing.not-awaiting-device");
        Assert.Equal(1, await MethodCountAsync(s, "bob"));
    }

    [Fact]
    public async Task Confirm_ByAnotherDeviceOrWithSignatureForAnotherPairing_Refused()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var intruder = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();
        var request = await device.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(5));

        using var byIntruder = await intruder.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm",
            new { decision = "accept", signature = intruder.Key.SignToBase64Url(CanonicalPairingConfirmation.Build(pairingId, request!.Nonce, "accept", intruder.DeviceId!)) });
        using var peekByIntruder = await intruder.SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}");
        using var movedSignature = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm",
            new { decision = "accept", signature = device.Key.SignToBase64Url(CanonicalPairingConfirmation.Build("pr_other", request.Nonce, "accept", device.DeviceId!)) });
        using var flippedDecision = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm",
            new { decision = "accept", signature = device.Key.SignToBase64Url(CanonicalPairingConfirmation.Build(pairingId, request.Nonce, "reject", device.DeviceId!)) });
        using var badDecision = await device.SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm", new { decision = "maybe", signature = "AAAA" });

        await AssertProblemAsync(byIntruder, HttpStatusCode.NotFound, "pairing.not-found");
        Assert.Equal(HttpStatusCode.NotFound, peekByIntruder.StatusCode);
        await AssertProblemAsync(movedSignature, HttpStatusCode.Unauthorized, "pairing.bad-signature");
        await AssertProblemAsync(flippedDecision, HttpStatusCode.Unauthorized, "pairing.bad-signature");
        await AssertProblemAsync(badDecision, HttpStatusCode.BadRequest, "decision.invalid");
        Assert.Equal(0, await MethodCountAsync(s, "alice"));
        Assert.Equal("AwaitingDevice", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pairing_OfAnotherTenant_404ForReadAndWait()
    {
        await using var a = await Scenario.SqliteAsync("tenant-a");
        var b = await a.OtherTenantAsync("tenant-b");
        var device = await a.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await a.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();
        using var offer = await a.Login.PostAsJsonAsync("/v1/pairing-offers", new { userId = "alice", serviceName = "VPN" });
        var offerId = (await DeviceClient.ReadAsync<JsonElement>(offer, default)).GetProperty("pairingId").GetString();

        using var read = await b.Login.GetAsync($"/v1/pairings/{pairingId}");
        using var wait = await b.Login.GetAsync($"/v1/pairings/{pairingId}?wait=1");
        using var readOffer = await b.Login.GetAsync($"/v1/pairings/{offerId}");

        await AssertProblemAsync(read, HttpStatusCode.NotFound, "pairing.not-found");
        Assert.Equal(HttpStatusCode.NotFound, wait.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readOffer.StatusCode);
    }

    [Fact]
    public async Task Wait_OutOfRange_400()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, _) = await device.RequestPairingPhraseAsync();

        using var tooLong = await s.Login.GetAsync($"/v1/pairings/{pairingId}?wait=31");
        using var negative = await s.Login.GetAsync($"/v1/pairings/{pairingId}?wait=-1");

        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "wait.invalid");
        await AssertProblemAsync(negative, HttpStatusCode.BadRequest, "wait.invalid");
    }

    [Fact]
    public async Task Wait_NoAnswer_ReturnsPendingWhenTheWaitEnds()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Mail" })).Dispose();
        var started = DateTime.UtcNow;

        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/pairings/{pairingId}?wait=1");

        Assert.Equal("AwaitingDevice", view.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }
}
