using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Push.Fakes;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>FCM down (the fake answers 503 UNAVAILABLE, over real HTTP/2): the challenge is still answerable by pull,
/// its push is retried with backoff and delivered once FCM is back, and nothing is lost.</summary>
public sealed class FcmOutageTests
{
    private const string Token = "fcm-token-outage-1";

    [Fact]
    public async Task Push_FcmDown_AnswerableByPullAndDeliveredWhenFcmReturns()
    {
        await using var fcm = await FakeFcmServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?>
        {
            ["PushAuth:Push:Fcm:ProjectId"] = fcm.ProjectId,
            ["PushAuth:Push:Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson,
            ["PushAuth:Push:Fcm:BaseAddress"] = fcm.BaseAddress.ToString(),
        });
        await using var s = await Scenario.OnAsync(silo);
        var phone = await s.DeviceAsync(provider: "fcm", token: Token);
        await s.PairAsync(phone, "alice");

        fcm.SetOutage(true);
        var created = await s.CreateChallengeAsync("alice");
        var id = created.GetProperty("challengeId").GetString()!;
        var pending = Assert.Single(await phone.PullAsync());
        // Several attempts are refused while it lasts (the backoff starts at 1-2 s); none is accepted.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.DoesNotContain(fcm.Inbox.Get(Token), d => d.MessageJson.Contains(id, StringComparison.Ordinal));

        fcm.SetOutage(false);
        await Eventually.UntilAsync(() => fcm.Inbox.Get(Token).Any(d => d.MessageJson.Contains(id, StringComparison.Ordinal)), TimeSpan.FromSeconds(20),
            "the push goes out once FCM is back");
        (await phone.AnswerAsync(pending, approve: true, created.GetProperty("numberMatch").GetString())).EnsureSuccessStatusCode();

        Assert.Equal(id, pending.ChallengeId);
        Assert.Single(fcm.Inbox.Get(Token), d => d.MessageJson.Contains(id, StringComparison.Ordinal));
        Assert.Equal("Approved", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Push_FcmDownUntilTheChallengeExpires_CountedAsGivenUpSoTheAlertFires()
    {
        var givenUp = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PushAuth.Diagnostics.PushAuthDiagnostics.MeterName && instrument.Name == "pushauth.effects.given_up")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "pushauth.effect.kind", Value: "push" })
                {
                    Interlocked.Add(ref givenUp, (int)value);
                }
            }
        });
        listener.Start();
        await using var fcm = await FakeFcmServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?>
        {
            ["PushAuth:Push:Fcm:ProjectId"] = fcm.ProjectId,
            ["PushAuth:Push:Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson,
            ["PushAuth:Push:Fcm:BaseAddress"] = fcm.BaseAddress.ToString(),
        });
        await using var s = await Scenario.OnAsync(silo);
        var phone = await s.DeviceAsync(provider: "fcm", token: Token);
        await s.PairAsync(phone, "alice");

        fcm.SetOutage(true);
        await s.CreateChallengeAsync("alice", extra: new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, expiresInSeconds = 10 });

        // The push is refused until its retries would outlive the challenge: given up, and counted for PushAuthEffectsGivenUp.
        await Eventually.UntilAsync(() => Volatile.Read(ref givenUp) > 0, TimeSpan.FromSeconds(30), "the undelivered push is counted as given up");
        Assert.DoesNotContain(fcm.Inbox.Get(Token), d => !d.MessageJson.Contains("\"kind\":\"pairing\"", StringComparison.Ordinal));
    }
}
