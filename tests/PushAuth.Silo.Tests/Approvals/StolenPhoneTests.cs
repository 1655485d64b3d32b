using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

/// <summary>A stolen phone must stop approving logins: its auto-approve rules go when it leaves the user, only a paired
/// device can make one, with a request its key signs, and a fraud block wins over every rule.</summary>
public sealed class StolenPhoneTests
{
    private static readonly TenantSettings AutoApproveOn = new("Acme", LocationAutoApproveEnabled: true, PushesPerUserPerMinute: 60, MaxOutstandingChallenges: 5);

    private static object Login(string ip) => new { userId = "alice", context = new { service = "Acme Mail", action = "Sign in", sourceIp = ip }, numberMatching = false };

    [Fact]
    public async Task RequestRule_SessionOnlyWithoutSignature_401AndNoRule()
    {
        await using var s = await Scenario.SqliteAsync(settings: AutoApproveOn);
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var approved = await ApproveThreeTimesAsync(s, phone);

        using var unsigned = await phone.SendAsync(HttpMethod.Post, "/v1/device/auto-approve-rules", new { challengeId = approved });

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("signature.missing", (await unsigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/auto-approve-rules")).EnumerateArray());
        using var signed = await RequestRuleUntilEligibleAsync(phone, approved);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task Disconnect_StolenPhoneWithRule_RuleGoneAndNextLoginWaitsForTheOtherPhone()
    {
        await using var s = await Scenario.SqliteAsync(settings: AutoApproveOn);
        var stolen = await s.DeviceAsync();
        var methodId = await s.PairAsync(stolen, "alice");
        var other = await s.DeviceAsync();
        await s.PairAsync(other, "alice");
        using (var rule = await RequestRuleUntilEligibleAsync(stolen, await ApproveThreeTimesAsync(s, stolen)))
        {
            Assert.Equal(HttpStatusCode.OK, rule.StatusCode);
        }
        Assert.True((await s.CreateChallengeAsync("alice", extra: Login("203.0.113.77"))).GetProperty("autoApproved").GetBoolean());

        using var disconnect = await s.Login.DeleteAsync($"/v1/users/alice/methods/{methodId}?reason=stolen");
        var next = await s.CreateChallengeAsync("alice", extra: Login("203.0.113.78"));

        Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/auto-approve-rules")).EnumerateArray());
        Assert.Equal("Pending", next.GetProperty("status").GetString());
        Assert.False(next.GetProperty("autoApproved").GetBoolean());
    }

    [Fact]
    public async Task RequestRule_AfterDisconnect_403AndNoRule()
    {
        await using var s = await Scenario.SqliteAsync(settings: AutoApproveOn);
        var stolen = await s.DeviceAsync();
        var methodId = await s.PairAsync(stolen, "alice");
        await s.PairAsync(await s.DeviceAsync(), "alice");
        var approved = await ApproveThreeTimesAsync(s, stolen);
        (await s.Login.DeleteAsync($"/v1/users/alice/methods/{methodId}?reason=stolen")).Dispose();

        using var response = await stolen.RequestAutoApproveRuleAsync(approved);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auto-approve.device-not-paired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/auto-approve-rules")).EnumerateArray());
    }

    [Fact]
    public async Task Deregister_PhoneWithRule_RuleGoneEverywhere()
    {
        await using var s = await Scenario.SqliteAsync(settings: AutoApproveOn);
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.PairAsync(await s.DeviceAsync(), "alice");
        (await RequestRuleUntilEligibleAsync(phone, await ApproveThreeTimesAsync(s, phone))).Dispose();

        await phone.DeregisterAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/auto-approve-rules")).GetArrayLength() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the deregistered device's rule was never removed");
            await Task.Delay(50);
        }
        var next = await s.CreateChallengeAsync("alice", extra: Login("203.0.113.90"));
        Assert.Equal("Pending", next.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FraudBlock_ChallengeMatchingARule_423NotApproved()
    {
        await using var s = await Scenario.SqliteAsync(settings: AutoApproveOn);
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        (await RequestRuleUntilEligibleAsync(phone, await ApproveThreeTimesAsync(s, phone))).Dispose();
        var suspicious = await s.CreateChallengeAsync("alice", extra: Login("198.51.100.7"));
        using (var deny = await phone.AnswerAsync((await phone.PullAsync()).Single(c => c.ChallengeId == suspicious.GetProperty("challengeId").GetString()), approve: false, reason: "fraud"))
        {
            Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
        }

        using var matching = await s.Login.PostAsJsonAsync("/v1/challenges", Login("203.0.113.50"));
        using var other = await s.Login.PostAsJsonAsync("/v1/challenges", Login("198.51.100.8"));

        Assert.Equal((HttpStatusCode)423, matching.StatusCode);
        Assert.Equal("push.blocked", (await matching.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)423, other.StatusCode);
        var audit = await s.AuditAsync("userId=alice&action=challenge.auto-approved", _ => true);
        Assert.Empty(audit);
    }

    /// <summary>Three approvals of one service and action from 203.0.113.0/24; returns the last challenge id.</summary>
    private static async Task<string> ApproveThreeTimesAsync(Scenario s, DeviceClient phone)
    {
        string? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = (await s.CreateChallengeAsync("alice", extra: Login($"203.0.113.{10 + i}"))).GetProperty("challengeId").GetString()!;
            (await phone.AnswerAsync((await phone.PullAsync()).Single(c => c.ChallengeId == last), approve: true)).Dispose();
        }
        return last!;
    }

    /// <summary>The approvals count once their writes are saved; a signed request is made fresh on each try.</summary>
    private static async Task<HttpResponseMessage> RequestRuleUntilEligibleAsync(DeviceClient phone, string challengeId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await phone.RequestAutoApproveRuleAsync(challengeId);
            if (response.StatusCode != HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(100);
        }
    }
}
