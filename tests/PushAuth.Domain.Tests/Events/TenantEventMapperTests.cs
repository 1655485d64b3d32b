using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Events;
using PushAuth.History;

namespace PushAuth.Domain.Tests.Events;

/// <summary>The history entries the deciders really write map to the documented events; everything else maps to none.</summary>
public sealed class TenantEventMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static ChallengeState Pending() =>
        ChallengeDecider.Create(new ChallengeSpec("ch_1", "t1", "alice", new ChallengeContext("Mail", "Sign in"), ["d1", "d2"], null, T0.AddSeconds(120), null, null,
            null, null), "nonce-1", T0);

    private static IReadOnlyList<TenantEvent> Resolved(ChallengeState c) =>
        TenantEventMapper.From(ChallengeEffects.Resolved(c, RequestOrigin.None, "d1", T0.AddSeconds(5)).History);

    [Fact]
    public void From_FraudDenial_ResolvedAndFraudReported_SameDataDistinctStableIds()
    {
        var (denied, _) = ChallengeDecider.Answer(Pending(), new ChallengeAnswer("d2", "deny", null, DenyReason.Fraud, "nonce-1", "sig"), true, true, T0.AddSeconds(5));

        var history = ChallengeEffects.Resolved(denied, RequestOrigin.None, "d2", T0.AddSeconds(5)).History;
        var events = TenantEventMapper.From(history);

        Assert.Equal([TenantEventTypes.ChallengeResolved, TenantEventTypes.FraudReported], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(("ch_1", "Denied", "Fraud", "d2"), (e.Data["challengeId"], e.Data["status"], e.Data["denyReason"], e.Data["deviceId"])));
        Assert.Equal("evt_" + history[0].EventId, events[0].EventId);
        Assert.Equal("evt_" + history[0].EventId + "_fraud", events[1].EventId);
        Assert.Equal(events.Select(e => e.EventId), TenantEventMapper.From(history).Select(e => e.EventId));
    }

    [Theory]
    [InlineData("approve", "Approved")]
    [InlineData("expire", "Expired")]
    [InlineData("cancel", "Cancelled")]
    public void From_EachResolution_OneChallengeResolvedInTheApiCasing(string how, string status)
    {
        var c = how switch
        {
            "approve" => ChallengeDecider.Answer(Pending(), new ChallengeAnswer("d1", "approve", null, null, "nonce-1", "sig"), true, true, T0.AddSeconds(5)).State,
            "expire" => ChallengeDecider.Expire(Pending(), T0.AddSeconds(500)),
            _ => ChallengeDecider.Cancel(Pending(), T0.AddSeconds(5)),
        };

        var e = Assert.Single(Resolved(c));

        Assert.Equal((TenantEventTypes.ChallengeResolved, status, "alice"), (e.Type, e.Data["status"], e.UserId));
        Assert.False(e.Data.ContainsKey("denyReason"));
    }

    [Fact]
    public void From_ChallengeCreatedRejectedAnswerAndAdminActivities_NoEvent()
    {
        var created = ChallengeEffects.Created(Pending(), RequestOrigin.None, T0).History;
        var rejected = ChallengeEffects.Rejected(Pending(), "d1", "signature", RequestOrigin.None, T0);
        var other = HistoryEvents.Of(T0, "t1", null, "admin:k", HistoryActivities.EventSubscriptionCreated, null, "created", RequestOrigin.None);

        Assert.Empty(TenantEventMapper.From([.. created, rejected, other]));
    }

    [Fact]
    public void From_UserAndBackupEntries_DetailsFromTheRemarksNeverMore()
    {
        HistoryEvent Entry(string activity, string method, string actor, string remarks, string? device = null) =>
            HistoryEvents.Of(T0, "t1", "alice", actor, activity, method, "x", RequestOrigin.None, deviceId: device, remarks: remarks);

        var events = TenantEventMapper.From([
            Entry(HistoryActivities.MethodPaired, "push", "d1", "method=push_1; via=phrase", "d1"),
            Entry(HistoryActivities.MethodRevoked, "push", "console:ada", "method=push_1; reason=stolen", "d1"),
            Entry(HistoryActivities.TemporaryCodeIssued, "temporary-code", "console:ada", "code=tc_1; validUntil=2026-11-22T13:00:00.0000000+00:00; reusable=False; loginService=k1"),
            Entry(TenantEventMapper.MfaRevokedActivity, "all", "console:ada", "reason=stolen; methods=2; cancelledChallenges=1; autoApproveRules=0"),
            Entry(HistoryActivities.BackupRestored, "backup", "d9", "backup=abc…; contact=email:a***@x.com; previousDevice=d1; pushAccountsNeedingProof=1", "d9"),
        ]);

        Assert.Equal([TenantEventTypes.MethodPaired, TenantEventTypes.MethodDisconnected, TenantEventTypes.TemporaryCodeIssued, TenantEventTypes.MfaRevoked,
            TenantEventTypes.BackupRestored], events.Select(e => e.Type));
        Assert.Equal(("push_1", "push", "phrase"), (events[0].Data["methodId"], events[0].Data["kind"], events[0].Data["via"]));
        Assert.Equal(("stolen", "console:ada"), (events[1].Data["reason"], events[1].Data["by"]));
        Assert.Equal(("tc_1", "false", "k1"), (events[2].Data["codeId"], events[2].Data["reusable"], events[2].Data["loginServiceKeyId"]));
        Assert.Equal(("stolen", "2", "1"), (events[3].Data["reason"], events[3].Data["revokedMethods"], events[3].Data["cancelledChallenges"]));
        Assert.Equal(new Dictionary<string, string> { ["deviceId"] = "d9", ["previousDeviceId"] = "d1" }, events[4].Data);
    }
}
