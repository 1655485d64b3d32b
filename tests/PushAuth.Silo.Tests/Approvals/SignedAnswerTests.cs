using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

/// <summary>The answer's signature covers every field the server acts on, the deny reason included (PA2-ANSWER).</summary>
public sealed class SignedAnswerTests
{
    [Fact]
    public async Task Answer_CapturedDeclineWithReasonChangedToFraud_401AndPushesNotBlocked()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.CreateChallengeAsync("alice");
        var challenge = Assert.Single(await phone.PullAsync());
        var signature = phone.Key.SignToBase64Url(CanonicalChallengeAnswer.Build(challenge.ChallengeId, challenge.Nonce, "deny", null, "declined", phone.DeviceId!));

        using var forged = await phone.SendAsync(HttpMethod.Post, $"/v1/device/challenges/{challenge.ChallengeId}/answer",
            new { decision = "deny", reason = "fraud", nonce = challenge.Nonce, signature });
        var status = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/push-status");
        using var genuine = await phone.SendAsync(HttpMethod.Post, $"/v1/device/challenges/{challenge.ChallengeId}/answer",
            new { decision = "deny", reason = "declined", nonce = challenge.Nonce, signature });

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("challenge.bad-signature", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False(status.GetProperty("blocked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challenge.ChallengeId}");
        Assert.Equal("Declined", view.GetProperty("denyReason").GetString());
    }

    [Fact]
    public async Task Answer_SignedWithVersion1String_401AndStillPending()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var created = await s.CreateChallengeAsync("alice");
        var challenge = Assert.Single(await phone.PullAsync());
        var number = created.GetProperty("numberMatch").GetString();
        var version1 = phone.Key.SignToBase64Url($"PA1-ANSWER\n{challenge.ChallengeId}\n{challenge.Nonce}\napprove\n{number}\n{phone.DeviceId}");

        using var answer = await phone.SendAsync(HttpMethod.Post, $"/v1/device/challenges/{challenge.ChallengeId}/answer",
            new { decision = "approve", numberAnswer = number, nonce = challenge.Nonce, signature = version1 });

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Pending", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challenge.ChallengeId}")).GetProperty("status").GetString());
    }
}
