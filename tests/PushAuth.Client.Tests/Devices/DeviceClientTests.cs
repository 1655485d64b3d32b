using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Abstractions;
using PushAuth.Client.Devices;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Client.Tests.Devices;

/// <summary>The package's clients against a real silo, where the package's own behaviour (its clock, its errors, its waits)
/// decides the outcome.</summary>
public sealed class DeviceClientTests
{
    [Fact]
    public async Task SignedRequest_TimestampFromTheGivenClock_SiloRefusesAClockTenMinutesAhead()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var device = new DeviceClient(http, DeviceKeyPair.Create(), clock);
        await device.RegisterAsync();
        await device.UpdatePushTokenAsync("fcm", "token-1");

        clock.Advance(TimeSpan.FromMinutes(10));
        var refused = await Assert.ThrowsAsync<PushAuthApiException>(() => device.UpdatePushTokenAsync("fcm", "token-2"));

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.stale"), (refused.StatusCode, refused.Code));
        Assert.StartsWith("401 Unauthorized signature.stale: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal("fcm", (await device.ListAccountsAsync()).PushProvider);
    }

    [Fact]
    public async Task WaitForChallenge_NoAnswer_PendingWhenTheTimeoutEnds()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();
        var keys = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").CreateAsync("Acme", RequestOrigin.Internal);
        using var loginHttp = new HttpClient { BaseAddress = silo.BaseAddress };
        loginHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.Single(k => k.Role == ApiKeyRole.LoginService).Key);
        var login = new PushAuthClient(loginHttp);
        using var phoneHttp = new HttpClient { BaseAddress = silo.BaseAddress };
        using var phone = new DeviceClient(phoneHttp, DeviceKeyPair.Create());
        await phone.RegisterAsync();
        var phrase = await phone.RequestPairingPhraseAsync();
        await login.ClaimPairingPhraseAsync(phrase.Phrase, "alice", "Acme Mail");
        using (var confirmed = await phone.ConfirmPairingAsync(phrase.PairingId, accept: true))
        {
            await DeviceClient.EnsureSuccessAsync(confirmed, CancellationToken.None);
        }
        var challenge = await login.CreateChallengeAsync("alice", new ChallengeContext("Acme Mail", "Sign in"));

        var waited = await login.WaitForChallengeAsync(challenge.ChallengeId, TimeSpan.FromSeconds(1));
        var pending = Assert.Single(await phone.PullAsync());
        using (var denied = await phone.AnswerAsync(pending, approve: false, reason: "Fraud"))
        {
            await DeviceClient.EnsureSuccessAsync(denied, CancellationToken.None);
        }
        var outcome = await login.WaitForChallengeAsync(challenge.ChallengeId, TimeSpan.FromSeconds(10));

        Assert.True(waited.IsPending);
        Assert.Equal(("Denied", "Fraud", false), (outcome.Status, outcome.DenyReason, outcome.IsApproved));
    }
}
