using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

public sealed class AutoApproveAndShutdownTests
{
    private static object Login(string ip) => new { userId = "alice", context = new { service = "Acme Mail", action = "Sign in", sourceIp = ip }, numberMatching = false };

    [Fact]
    public async Task AutoApprove_AfterThreeApprovalsFromOneNetwork_RuleAppliesThereOnly()
    {
        await using var s = await Scenario.SqliteAsync(settings: new TenantSettings("Acme", LocationAutoApproveEnabled: true, PushesPerUserPerMinute: 60, MaxOutstandingChallenges: 5));
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        string? lastId = null;
        for (var i = 0; i < 3; i++)
        {
            lastId = (await s.CreateChallengeAsync("alice", extra: Login($"203.0.113.{10 + i}"))).GetProperty("challengeId").GetString();
            (await phone.AnswerAsync((await phone.PullAsync()).Single(c => c.ChallengeId == lastId), approve: true)).Dispose();
        }

        JsonElement rule = default;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await phone.RequestAutoApproveRuleAsync(lastId!);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                rule = await response.Content.ReadFromJsonAsync<JsonElement>();
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the approvals never made the device eligible");
            await Task.Delay(100);
        }
        Assert.Equal("203.0.113.0/24", rule.GetProperty("network").GetString());

        var sameNetwork = await s.CreateChallengeAsync("alice", extra: Login("203.0.113.99"));
        var otherNetwork = await s.CreateChallengeAsync("alice", extra: Login("198.51.100.4"));

        Assert.Equal("Approved", sameNetwork.GetProperty("status").GetString());
        Assert.True(sameNetwork.GetProperty("autoApproved").GetBoolean());
        Assert.Equal("Pending", otherNetwork.GetProperty("status").GetString());
        var rules = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/auto-approve-rules");
        using var removed = await s.Login.DeleteAsync($"/v1/users/alice/auto-approve-rules/{rules[0].GetProperty("ruleId").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var audit = await s.AuditAsync("userId=alice&action=challenge.auto-approved", a => a.Count > 0);
        Assert.Single(audit);
    }

    [Fact]
    public async Task AutoApproveRule_TooFewApprovalsOrTenantOptedOut_Refused()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var id = (await s.CreateChallengeAsync("alice", extra: Login("203.0.113.10"))).GetProperty("challengeId").GetString();
        (await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: true)).Dispose();

        using var response = await phone.RequestAutoApproveRuleAsync(id!);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Shutdown_WithWaitingLongPoll_AnswersPendingAndStopsPromptly()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.PairAsync(await s.DeviceAsync(), "alice");
        var id = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();
        var waiter = s.Login.GetAsync($"/v1/challenges/{id}?wait=25");
        await Task.Delay(300);

        var started = DateTime.UtcNow;
        var stop = s.Silos[0].App.StopAsync();
        using var response = await waiter;
        await stop;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Pending", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "shutdown must not wait out the long-poll");
    }
}
