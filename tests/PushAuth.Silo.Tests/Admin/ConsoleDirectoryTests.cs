using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Push.Fakes;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The read models of the console's helpdesk pages over HTTP: the user list (prefix search, cursor paging,
/// tenant scope), a user's page (phones with platform and last source, TOTP, temporary code, rules, activity; 404 for no
/// such user), and the dashboard's counts per bucket.</summary>
public sealed class ConsoleDirectoryTests
{
    [Fact]
    public async Task Users_ListedWhenTheirFirstMethodArrives_PrefixSearchAndCursorPaging_OnlyThisTenant()
    {
        await using var s = await Scenario.SqliteAsync();
        foreach (var id in new[] { "carol", "bob.smith", "bob", "alice", "bob-2" })
        {
            await s.EnrollTotpAsync(id);
        }
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "dave");
        await s.EnrollTotpAsync("alice"); // a second method lists her once
        var other = await s.OtherTenantAsync("globex");
        using (var enrolled = await other.Login.PostAsJsonAsync("/v1/users/bob-elsewhere/totp", new { }))
        {
            enrolled.EnsureSuccessStatusCode();
        }
        var auditor = await s.KeyAsync("Auditor");

        var all = await auditor.GetFromJsonAsync<JsonElement>("/v1/admin/users");
        Assert.Equal(["alice", "bob", "bob-2", "bob.smith", "carol", "dave"], Ids(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);

        var first = await auditor.GetFromJsonAsync<JsonElement>("/v1/admin/users?q=bob&limit=2");
        Assert.Equal(["bob", "bob-2"], Ids(first));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/v1/admin/users?q=bob&limit=2&cursor={cursor}");
        Assert.Equal(["bob.smith"], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        using var bad = await auditor.GetAsync("/v1/admin/users?q=%3Cscript%3E");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("q.invalid", await bad.ProblemCodeAsync());
        using var tooMany = await auditor.GetAsync("/v1/admin/users?limit=1000");
        Assert.Equal("limit.invalid", await tooMany.ProblemCodeAsync());
    }

    [Fact]
    public async Task Profile_PhonesTotpCodeRulesAndActivity_WrongIdIsNoSuchUser()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.EnrollTotpAsync("alice");
        var created = await s.CreateChallengeAsync("alice");
        using (var answer = await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: true, Number(created)))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "challenge.answered"));

        var profile = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/users/alice/profile");
        var device = Assert.Single(profile.GetProperty("devices").EnumerateArray());
        Assert.Equal("android", device.GetProperty("platform").GetString());
        Assert.Equal(phone.DeviceId, device.GetProperty("deviceId").GetString());
        Assert.False(string.IsNullOrEmpty(device.GetProperty("lastSource").GetProperty("sourceIp").GetString()));
        Assert.Single(profile.GetProperty("totp").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("temporaryCode").ValueKind);
        Assert.Empty(profile.GetProperty("autoApproveRules").EnumerateArray());
        Assert.Contains(profile.GetProperty("recentActivity").EnumerateArray(), e => e.GetProperty("activity").GetString() == "challenge.answered");

        using var missing = await s.Admin.GetAsync("/v1/admin/users/nobody/profile");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("user.not-found", await missing.ProblemCodeAsync());
        // Another tenant's user is no user of this one.
        var other = await s.OtherTenantAsync("globex");
        using var elsewhere = await other.Admin.GetAsync("/v1/admin/users/alice/profile");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Stats_ApprovalsDenialsAndFraudReports_CountedInTheirHour_BadWindowRefused()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        foreach (var (approve, reason) in new[] { (true, (string?)null), (true, null), (false, "Declined"), (false, "Fraud") })
        {
            using (await s.Admin.DeleteAsync("/v1/admin/users/alice/push-block"))
            {
            }
            var created = await s.CreateChallengeAsync("alice");
            using var answer = await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve, approve ? Number(created) : null, reason);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        await s.AuditAsync("action=challenge.answered", a => a.Count == 4);

        var stats = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/history/stats?bucket=hour");
        Assert.Equal(24, stats.GetProperty("buckets").GetArrayLength());
        var series = stats.GetProperty("series");
        Assert.Equal(2, Total(series, "approvals"));
        Assert.Equal(1, Total(series, "denials"));
        Assert.Equal(1, Total(series, "fraudReports"));
        Assert.Equal(0, Total(series, "expiries"));
        Assert.Equal(0, Total(series, "pushFailures"));
        // Everything happened now: in the last bucket.
        Assert.Equal(2, series.GetProperty("approvals")[23].GetInt64());
        Assert.False(stats.GetProperty("truncated").GetBoolean());

        var daily = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/history/stats?bucket=day");
        Assert.Equal(30, daily.GetProperty("buckets").GetArrayLength());
        Assert.Equal(2, Total(daily.GetProperty("series"), "approvals"));

        foreach (var (query, code) in new[]
                 {
                     ("bucket=minute", "bucket.invalid"), ("bucket=hour&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", "window.too-long"),
                     ("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to.before-from"),
                 })
        {
            using var refused = await s.Admin.GetAsync("/v1/admin/history/stats?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(code, await refused.ProblemCodeAsync());
        }
    }

    [Fact]
    public async Task Stats_PushTheProviderRefuses_InTheHistoryAsADeliveryFailure_CountedOnce()
    {
        await using var fcm = await FakeFcmServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?>
        {
            ["PushAuth:Push:Fcm:ProjectId"] = fcm.ProjectId,
            ["PushAuth:Push:Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson,
            ["PushAuth:Push:Fcm:BaseAddress"] = fcm.BaseAddress.ToString(),
        });
        await using var s = await Scenario.OnAsync(silo);
        var phone = await s.DeviceAsync(provider: "fcm", token: "fcm-token-dead-1");
        await s.PairAsync(phone, "alice");
        // The pairing's own push goes out after the claim's write, unawaited by the pairing flow: if it reached FCM after
        // the token was scripted dead, it would find the token dead first, and the challenge's push would then find a
        // device that pulls (no provider refusal, nothing on the dashboard). So the token dies once that push is through.
        Assert.NotNull(await fcm.Inbox.WaitForAsync("fcm-token-dead-1", d => d.Data.GetValueOrDefault("kind") == "pairing", TimeSpan.FromSeconds(60)));
        fcm.Script("fcm-token-dead-1", FcmOutcome.Unregistered);

        var challengeId = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();

        var failed = await s.AuditAsync("action=push.delivery-failed", a => a.Count > 0);
        var entry = Assert.Single(failed);
        Assert.Equal("alice", entry.GetProperty("userId").GetString());
        Assert.Equal(challengeId, entry.GetProperty("correlationId").GetString());
        var stats = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/history/stats");
        Assert.Equal(1, Total(stats.GetProperty("series"), "pushFailures"));
        // The phone can still pull the challenge.
        Assert.Single(await phone.PullAsync());
    }

    private static string? Number(JsonElement challenge) =>
        challenge.TryGetProperty("numberMatch", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userId").GetString()!)];

    private static long Total(JsonElement series, string name) => series.GetProperty(name).EnumerateArray().Sum(c => c.GetInt64());
}
