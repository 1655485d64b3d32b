using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.History;

namespace PushAuth.Domain.Tests.Users;

/// <summary>The user's decisions, without a grain: state and command in, next state and owed effects out, on a clock
/// moved by hand. Every resolution (answer, cancel, expiry, disconnect, revocation) takes the one resolve path.</summary>
public sealed class UserDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantSettings Settings = new("Acme", NumberMatchingDigits: 0);
    private static readonly ChallengeContext Context = new("Mail", "Sign in", "203.0.113.7");

    private readonly ManualTime _time = new(T0);
    private readonly UserDecider _decider;

    public UserDeciderTests() => _decider = new UserDecider(new ChallengeOptions(), _time);

    private static UserState User(params string[] devices) => new()
    {
        TenantId = "t1",
        UserId = "alice",
        Devices = [.. devices.Select(d => new DeviceMethod("push_" + d, d, d, "phrase", T0, null))],
    };

    private (UserState State, ChallengeState Challenge) Create(UserState s, string id = "ch_1", CreateChallengeRequest? request = null)
    {
        var (decision, created) = _decider.CreateChallenge(s, "t1", "alice", request ?? new CreateChallengeRequest("alice", Context), "hash", id, Settings,
            RequestOrigin.Internal, null);
        return (decision.State, created);
    }

    private static ChallengeAnswer Deny(string deviceId, ChallengeState c, DenyReason reason = DenyReason.Declined) =>
        new(deviceId, ChallengeDecider.Decisions.Deny, null, reason, c.Nonce, "sig");

    [Fact]
    public void CreateChallenge_OwesItsHistoryAndAPushToEveryDevice_AndCountsThePush()
    {
        var (s, c) = Create(User("d1", "d2"));

        Assert.True(c.IsPending);
        Assert.Equal(T0, c.CreatedAt);
        Assert.Equal(new[] { "d1", "d2" }, s.Owed.Pushes.Select(p => p.Request.DeviceId));
        Assert.Equal(HistoryActivities.ChallengeCreated, Assert.Single(s.Owed.History).Activity);
        Assert.Equal(new[] { T0 }, s.Push.RecentPushes);
        Assert.Same(c, Assert.Single(s.Challenges));
    }

    [Fact]
    public void CreateChallenge_UnknownUserOrNoDevice_SameRefusal()
    {
        var unknown = Assert.Throws<PushAuthException>(() => Create(new UserState()));
        var noDevice = Assert.Throws<PushAuthException>(() => Create(User()));

        Assert.Equal(ProblemCodes.Challenges.NoDevice.Code, unknown.Code);
        Assert.Equal(unknown.Code, noDevice.Code);
    }

    [Fact]
    public void Replay_SameKeySameRequest_ReturnsTheChallenge_OtherRequestRefused()
    {
        var request = new CreateChallengeRequest("alice", Context, IdempotencyKey: "k1");
        var (s, c) = Create(User("d1"), request: request);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(c.ChallengeId, _decider.Replay(s, "t1", request, "hash")!.ChallengeId);
        Assert.Null(_decider.Replay(s, "t1", request with { IdempotencyKey = "k2" }, "hash"));
        Assert.Equal(ProblemCodes.Challenges.IdempotencyKeyReused.Code, Assert.Throws<PushAuthException>(() => _decider.Replay(s, "t1", request, "other")).Code);
    }

    [Fact]
    public void Answer_Approve_ResolvesOnce_MarksTheDeviceUsed_ClosesTheOtherDevice()
    {
        var (s, c) = Create(User("d1", "d2"));
        _time.Advance(TimeSpan.FromSeconds(10));

        var (decision, outcome, refused) = _decider.Answer(s, c, new ChallengeAnswer("d1", ChallengeDecider.Decisions.Approve, null, null, c.Nonce, "sig"), true,
            RequestOrigin.Internal);

        Assert.True(outcome.Accepted);
        Assert.Null(refused);
        var next = decision!.State;
        Assert.Equal(ChallengeStatus.Approved, Assert.Single(decision.Resolved).Status);
        Assert.Equal(T0.AddSeconds(10), next.Devices.Single(d => d.DeviceId == "d1").LastUsedAt);
        Assert.Null(next.Devices.Single(d => d.DeviceId == "d2").LastUsedAt);
        // The challenge's own pushes are dropped; the device that did not answer is told it closed.
        Assert.Equal(new[] { ("closed", "d2") }, next.Owed.Pushes.Select(p => (p.Request.Kind, p.Request.DeviceId)));
        Assert.Contains(next.Owed.History, e => e.Activity == HistoryActivities.ChallengeAnswered && e.CorrelationId == c.ChallengeId);
        Assert.Equal(0, next.Push.ConsecutiveDenials);
        Assert.Single(next.Push.RecentApprovals);
    }

    [Fact]
    public void Answer_BadSignature_ChangesNothing_AndReturnsTheEventToCount()
    {
        var (s, c) = Create(User("d1"));

        var (decision, outcome, refused) = _decider.Answer(s, c, Deny("d1", c), signatureValid: false, RequestOrigin.Internal);

        Assert.Null(decision);
        Assert.Equal(AnswerRejection.BadSignature, outcome.Rejection);
        Assert.Equal(HistoryActivities.ChallengeAnswerRejected, refused!.Activity);
    }

    [Fact]
    public void Answer_ThirdDenialInARow_BlocksPushes_AndOwesTheBlockEvent()
    {
        var s = User("d1");
        UserDecision? last = null;
        for (var i = 0; i < 3; i++)
        {
            ChallengeState c;
            (s, c) = Create(s, "ch_" + i);
            _time.Advance(TimeSpan.FromSeconds(1));
            last = _decider.Answer(s, c, Deny("d1", c), true, RequestOrigin.Internal).Decision!;
            s = last.State;
        }

        Assert.True(last!.PushBlocked);
        Assert.Equal("repeated-denials", s.Push.BlockReason);
        Assert.Equal(_time.GetUtcNow() + new ChallengeOptions().FatigueCoolOff, s.Push.BlockedUntil);
        Assert.Contains(s.Owed.History, e => e.Activity == HistoryActivities.PushBlocked && e.CorrelationId == "ch_2");
        Assert.Equal(ProblemCodes.Challenges.PushBlocked.Code, Assert.Throws<PushAuthException>(() => Create(s, "ch_9")).Code);
    }

    [Fact]
    public void Cancel_Pending_ResolvesAsCancelled_ButAResolvedOneIsLeft()
    {
        var (s, c) = Create(User("d1"));

        var (decision, view) = _decider.Cancel(s, c, RequestOrigin.Internal);
        var (again, _) = _decider.Cancel(decision!.State, decision.State.Challenges.Single(), RequestOrigin.Internal);

        Assert.Equal(ChallengeStatus.Cancelled, view.Status);
        Assert.Contains(decision.State.Owed.History, e => e.Activity == "challenge.cancelled" && e.Actor == "login-service");
        Assert.Null(again);
    }

    [Fact]
    public void ExpireDue_OnlyOnceTheClockPassesTheExpiry()
    {
        var (s, c) = Create(User("d1"), request: new CreateChallengeRequest("alice", Context, ExpiresInSeconds: 60));

        Assert.Null(_decider.ExpireDue(s));
        _time.Advance(TimeSpan.FromSeconds(60));
        var decision = _decider.ExpireDue(s)!;

        var expired = Assert.Single(decision.Resolved);
        Assert.Equal(ChallengeStatus.Expired, expired.Status);
        Assert.Equal(c.ExpiresAt, expired.ResolvedAt);
        Assert.DoesNotContain(decision.State.Owed.Pushes, p => p.Request.Kind == "challenge");
        Assert.Contains(decision.State.Owed.History, e => e.Activity == "challenge.expired" && e.Actor == "system");
    }

    [Fact]
    public void Disconnect_Device_CancelsWhatOnlyItCouldAnswer_DropsItsRules_TellsIt()
    {
        var s = User("d1", "d2");
        (s, var onlyD1) = Create(s, "ch_1", new CreateChallengeRequest("alice", Context, DeviceId: "d1"));
        (s, var both) = Create(s, "ch_2");
        s = s with { Push = s.Push with { Rules = [new AutoApproveRule("r1", "Mail", "Sign in", "203.0.113.0/24", "d1", T0)] } };
        var method = UserDecider.Methods(s).Single(m => m.DeviceId == "d1");

        var decision = _decider.Disconnect(s, method, "admin", "lost", RequestOrigin.Internal, tellDevice: true, "user-key");

        var next = decision.State;
        Assert.Equal(onlyD1.ChallengeId, Assert.Single(decision.Resolved).ChallengeId);
        Assert.Equal(ChallengeStatus.Cancelled, next.Challenges.Single(c => c.ChallengeId == onlyD1.ChallengeId).Status);
        Assert.True(next.Challenges.Single(c => c.ChallengeId == both.ChallengeId).IsPending);
        Assert.Equal("d2", Assert.Single(next.Devices).DeviceId);
        Assert.Empty(next.Push.Rules);
        var notice = Assert.Single(next.Owed.Items.OfType<OwedNotice>());
        Assert.Equal((OwedNotice.Kinds.PairingRemoved, "d1", "user-key"), (notice.Kind, notice.Target, notice.Subject));
        Assert.Contains(next.Owed.History, e => e.Activity == HistoryActivities.MethodDisconnected);
    }

    [Fact]
    public void RevokeAll_CancelsEveryPending_RevokesPushUntilANewPairing_TellsTheUser()
    {
        var settings = Settings with { Recovery = new RecoverySettings(EventsWebhookUrl: "https://login.example/events") };
        var (s, c) = Create(User("d1", "d2"));
        _time.Advance(TimeSpan.FromSeconds(3));

        var (decision, result) = _decider.RevokeAll(s, settings, "stolen", "admin", RequestOrigin.Internal, "user-key", null);

        var next = decision.State;
        Assert.Equal(c.ChallengeId, Assert.Single(decision.Resolved).ChallengeId);
        Assert.Equal((2, 1), (result.RevokedMethods.Count, result.CancelledChallenges));
        Assert.Empty(next.Devices);
        Assert.Equal(_time.GetUtcNow(), next.Recovery.PushRevokedAt);
        Assert.Equal(new[] { "d1", "d2" }, next.Owed.Items.OfType<OwedNotice>().Select(n => n.Target));
        Assert.Equal("user.mfa.revoked", Assert.Single(next.Owed.Items.OfType<OwedEventWebhook>()).Type);
        Assert.Single(next.Owed.Items.OfType<OwedUserNotice>());
        Assert.Equal(ProblemCodes.Challenges.PushRevoked.Code, Assert.Throws<PushAuthException>(() => Create(next with { Devices = User("d3").Devices }, "ch_9")).Code);
    }

    [Fact]
    public void Resolve_SeveralAtOnce_EachLikeAlone()
    {
        var s = User("d1");
        (s, var first) = Create(s, "ch_1");
        (s, var second) = Create(s, "ch_2");

        var decision = _decider.Resolve(s, [ChallengeDecider.Cancel(first, T0), ChallengeDecider.Cancel(second, T0)], RequestOrigin.Internal, "system");

        Assert.All(decision.State.Challenges, c => Assert.Equal(ChallengeStatus.Cancelled, c.Status));
        Assert.DoesNotContain(decision.State.Owed.Pushes, p => p.Request.Kind == "challenge");
        Assert.Equal(2, decision.State.Owed.History.Count(e => e.Activity == "challenge.cancelled"));
        Assert.Same(s, _decider.Resolve(s, [], RequestOrigin.Internal, "system").State);
    }
}
