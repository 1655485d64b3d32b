using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

/// <summary>The login page's pre-check (Duo's preauth) and a challenge aimed at one of the user's devices (issue 17 items 6, 7).</summary>
public sealed class PreCheckAndDeviceTargetTests
{
    private static object Context => new { service = "Acme Mail", action = "Sign in" };

    [Fact]
    public async Task PreCheck_UnknownUser_EnrollAnswerAndNoWrite()
    {
        await using var s = await Scenario.SqliteAsync();

        var check = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/nobody/pre-check");

        Assert.False(check.GetProperty("enrolled").GetBoolean());
        Assert.Equal("enroll", check.GetProperty("recommended").GetString());
        Assert.False(check.GetProperty("push").GetProperty("usable").GetBoolean());
        Assert.Empty(check.GetProperty("push").GetProperty("devices").EnumerateArray());
        Assert.False(check.GetProperty("totp").GetProperty("usable").GetBoolean());
        Assert.False(check.GetProperty("temporaryCode").GetProperty("usable").GetBoolean());
        Assert.Empty(await s.Login.GetFromJsonAsync<JsonElement[]>("/v1/users/nobody/methods") ?? []);
    }

    [Fact]
    public async Task PreCheck_PhoneAndTotp_ListsTheDevice_ThenAFraudReportBlocksPushAndTotpIsRecommended()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        var methodId = await s.PairAsync(phone, "alice");
        await s.EnrollTotpAsync("alice");

        var before = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/pre-check");
        var challenge = await s.CreateChallengeAsync("alice");
        var pulled = Assert.Single(await phone.PullAsync(), c => c.ChallengeId == challenge.GetProperty("challengeId").GetString());
        (await phone.AnswerAsync(pulled, approve: false, reason: "fraud")).EnsureSuccessStatusCode();
        var after = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/pre-check");

        Assert.True(before.GetProperty("enrolled").GetBoolean());
        Assert.Equal("push", before.GetProperty("recommended").GetString());
        var device = Assert.Single(before.GetProperty("push").GetProperty("devices").EnumerateArray());
        Assert.Equal((methodId, phone.DeviceId, "Test phone"),
            (device.GetProperty("methodId").GetString(), device.GetProperty("deviceId").GetString(), device.GetProperty("displayName").GetString()));
        Assert.Equal(1, before.GetProperty("totp").GetProperty("credentials").GetInt32());
        Assert.True(before.GetProperty("totp").GetProperty("usable").GetBoolean());
        Assert.False(after.GetProperty("push").GetProperty("usable").GetBoolean());
        Assert.True(after.GetProperty("push").GetProperty("blocked").GetBoolean());
        Assert.True(after.GetProperty("push").GetProperty("blockedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(20));
        Assert.Equal("totp", after.GetProperty("recommended").GetString());
    }

    [Fact]
    public async Task PreCheck_TemporaryCode_UsableOnlyByTheLoginServiceItIsLimitedTo()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("bob");
        var other = await s.IssueKeyAsync("LoginService");
        var ownKeyId = (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).EnumerateArray()
            .First(k => k.GetProperty("role").GetString() == "LoginService").GetProperty("keyId").GetString();
        var user = s.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(GrainKeys.User(s.TenantId, "bob"));
        await user.IssueTemporaryCodeAsync(s.TenantId, new TemporaryCodeRequest(TimeSpan.FromHours(2), ownKeyId), "test", RequestOrigin.Internal);

        var mine = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/bob/pre-check");
        using var otherClient = s.Client(0, other.GetProperty("key").GetString());
        var theirs = await otherClient.GetFromJsonAsync<JsonElement>("/v1/users/bob/pre-check");

        Assert.True(mine.GetProperty("temporaryCode").GetProperty("usable").GetBoolean());
        Assert.True(mine.GetProperty("temporaryCode").GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1.9));
        Assert.False(theirs.GetProperty("temporaryCode").GetProperty("usable").GetBoolean());
        Assert.DoesNotContain("code\"", mine.GetProperty("temporaryCode").ToString().Replace("temporaryCode", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_WithDeviceId_GoesToThatDeviceOnly()
    {
        await using var s = await Scenario.SqliteAsync();
        var first = await s.DeviceAsync();
        var second = await s.DeviceAsync();
        await s.PairAsync(first, "carol");
        await s.PairAsync(second, "carol");

        var challenge = await s.CreateChallengeAsync("carol", extra: new { userId = "carol", context = Context, deviceId = second.DeviceId, numberMatching = false });
        var id = challenge.GetProperty("challengeId").GetString();

        Assert.DoesNotContain(await first.PullAsync(), c => c.ChallengeId == id);
        var pulled = Assert.Single(await second.PullAsync(), c => c.ChallengeId == id);
        using var notForFirst = await first.SendAsync(HttpMethod.Get, $"/v1/device/challenges/{id}");
        Assert.Equal(HttpStatusCode.NotFound, notForFirst.StatusCode);
        (await second.AnswerAsync(pulled, approve: true)).EnsureSuccessStatusCode();
        Assert.Equal("Approved", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Challenge_WithDeviceIdNotPairedOrMalformed_400AndNoChallenge()
    {
        await using var s = await Scenario.SqliteAsync();
        var paired = await s.DeviceAsync();
        var stranger = await s.DeviceAsync();
        await s.PairAsync(paired, "dave");

        using var notPaired = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "dave", context = Context, deviceId = stranger.DeviceId });
        using var malformed = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "dave", context = Context, deviceId = "not a device" });

        Assert.Equal(HttpStatusCode.BadRequest, notPaired.StatusCode);
        Assert.Equal("deviceId.not-paired", await notPaired.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("deviceId.invalid", await malformed.ProblemCodeAsync());
        Assert.Empty(await paired.PullAsync());
        Assert.Equal(0, (await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/dave/push-status")).GetProperty("outstanding").GetInt32());
    }

    [Fact]
    public async Task Challenge_SameIdempotencyKeyOtherDevice_422()
    {
        await using var s = await Scenario.SqliteAsync();
        var first = await s.DeviceAsync();
        var second = await s.DeviceAsync();
        await s.PairAsync(first, "erin");
        await s.PairAsync(second, "erin");

        using var created = await Post(s, new { userId = "erin", context = Context, deviceId = first.DeviceId });
        using var again = await Post(s, new { userId = "erin", context = Context, deviceId = first.DeviceId });
        using var reused = await Post(s, new { userId = "erin", context = Context, deviceId = second.DeviceId });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal("idempotency.key-reused", await reused.ProblemCodeAsync());

        static Task<HttpResponseMessage> Post(Scenario s, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/challenges") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "erin-login-1");
            return s.Login.SendAsync(request);
        }
    }
}
