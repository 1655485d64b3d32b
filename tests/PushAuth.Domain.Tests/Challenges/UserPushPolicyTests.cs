using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;

namespace PushAuth.Domain.Tests.Challenges;

public sealed class UserPushPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantSettings Settings = new("Acme", MaxOutstandingChallenges: 3, PushesPerUserPerMinute: 5);

    private static ChallengeResolution Resolution(ChallengeStatus status, DenyReason? reason = null, string ip = "203.0.113.7") =>
        new("ch_1", status, reason, "d1", "Mail", "Sign in", ip, false, T0);

    [Fact]
    public void EnsureMayPush_ThreeOutstanding_Throws429()
    {
        var ex = Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureMayPush(new UserPushState(), 3, Settings, T0));

        Assert.Equal(ErrorKind.TooManyRequests, ex.Kind);
        Assert.Equal("push.too-many-outstanding", ex.Code);
    }

    [Fact]
    public void EnsureMayPush_RateLimitPerMinute_Throws429WithRetryAfter()
    {
        var s = new UserPushState { RecentPushes = [.. Enumerable.Range(0, 5).Select(i => T0.AddSeconds(i))] };

        var ex = Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureMayPush(s, 0, Settings, T0.AddSeconds(10)));

        Assert.Equal("push.rate-limited", ex.Code);
        Assert.Equal(TimeSpan.FromSeconds(50), ex.RetryAfter);
        UserPushPolicy.EnsureMayPush(UserPushPolicy.Prune(s, T0.AddSeconds(61)), 0, Settings, T0.AddSeconds(61));
    }

    [Fact]
    public void RateLimitRefusal_CarriesTheUserPushLimit_NothingLeft_ResetIsTheRetryAfter()
    {
        var s = new UserPushState { RecentPushes = [.. Enumerable.Range(0, 5).Select(i => T0.AddSeconds(i))] };

        var ex = Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureMayPush(s, 0, Settings, T0.AddSeconds(10)));

        Assert.Equal(new RateLimitStatus("user-push", 5, TimeSpan.FromMinutes(1), 0, TimeSpan.FromSeconds(50)), ex.RateLimit);
        // Other refusals name no rate.
        Assert.Null(Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureMayPush(new UserPushState(), 3, Settings, T0)).RateLimit);
    }

    [Fact]
    public void Rate_TellsWhatIsLeftAndWhenTheOldestCountedPushLeavesTheWindow()
    {
        var two = new UserPushState { RecentPushes = [T0, T0.AddSeconds(20)] };
        var six = new UserPushState { RecentPushes = [.. Enumerable.Range(0, 6).Select(i => T0.AddSeconds(i))] };

        Assert.Equal(new RateLimitStatus("user-push", 5, TimeSpan.FromMinutes(1), 5, TimeSpan.Zero), UserPushPolicy.Rate(new UserPushState(), Settings, T0));
        Assert.Equal(new RateLimitStatus("user-push", 5, TimeSpan.FromMinutes(1), 3, TimeSpan.FromSeconds(30)), UserPushPolicy.Rate(two, Settings, T0.AddSeconds(30)));
        // A tenant that lowered its quota below what was already spent: nothing left, never negative.
        Assert.Equal(0, UserPushPolicy.Rate(six, Settings, T0.AddSeconds(10)).Remaining);
    }

    [Fact]
    public void Resolved_FraudReport_BlocksImmediately()
    {
        var (s, blocked) = UserPushPolicy.Resolved(new UserPushState(), Resolution(ChallengeStatus.Denied, DenyReason.Fraud), TimeSpan.FromMinutes(30), 3, T0);

        Assert.True(blocked);
        var ex = Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureMayPush(s, 0, Settings, T0.AddMinutes(1)));
        Assert.Equal(ErrorKind.Locked, ex.Kind);
        Assert.Equal("push.blocked", ex.Code);
    }

    [Fact]
    public void Resolved_ThreeDenialsInARow_Block_ApprovalResetsCount()
    {
        var s = new UserPushState();
        (s, _) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Denied, DenyReason.Declined), TimeSpan.FromMinutes(30), 3, T0);
        (s, _) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Approved), TimeSpan.FromMinutes(30), 3, T0);
        (s, _) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Denied, DenyReason.Declined), TimeSpan.FromMinutes(30), 3, T0);
        (s, var blockedAfterTwo) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Denied, DenyReason.Mistake), TimeSpan.FromMinutes(30), 3, T0);
        (s, var blockedAfterThree) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Denied, DenyReason.Declined), TimeSpan.FromMinutes(30), 3, T0);

        Assert.False(blockedAfterTwo);
        Assert.True(blockedAfterThree);
        Assert.Equal("repeated-denials", s.BlockReason);
        Assert.Null(UserPushPolicy.Prune(s, T0.AddMinutes(31)).BlockedUntil);
    }

    [Fact]
    public void Created_IdempotencyKey_RemembersChallengeAndRequestHash()
    {
        var challenge = new ChallengeState { ChallengeId = "ch_1", Status = ChallengeStatus.Pending };

        var s = UserPushPolicy.Created(new UserPushState(), challenge, "key-1", "hash-1", T0);

        var entry = Assert.Single(s.Idempotency);
        Assert.Equal(("key-1", "ch_1", "hash-1"), (entry.Key, entry.ChallengeId, entry.RequestHash));
        Assert.Single(s.RecentPushes);
        Assert.Empty(UserPushPolicy.Prune(s, T0 + UserPushPolicy.IdempotencyLifetime).Idempotency);
    }

    [Fact]
    public void EnsureNotBlocked_FraudBlock_WinsOverEverything()
    {
        var (s, _) = UserPushPolicy.Resolved(new UserPushState(), Resolution(ChallengeStatus.Denied, DenyReason.Fraud), TimeSpan.FromMinutes(30), 3, T0);

        Assert.Equal("push.blocked", Assert.Throws<PushAuthException>(() => UserPushPolicy.EnsureNotBlocked(s, T0.AddMinutes(29))).Code);
        UserPushPolicy.EnsureNotBlocked(s, T0.AddMinutes(31));
    }

    [Fact]
    public void HistoryKey_TextWithSeparators_DoesNotCollide() =>
        Assert.NotEqual(UserPushPolicy.HistoryKey("a|b", "c", "n"), UserPushPolicy.HistoryKey("a", "b|c", "n"));

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    [InlineData("not-an-ip", null)]
    public void Network_Address_IsItsPrefix(string ip, string? expected) => Assert.Equal(expected, UserPushPolicy.Network(ip));

    [Fact]
    public void MatchingRule_SameNetworkServiceAction_MatchesOtherwiseNot()
    {
        var rule = new AutoApproveRule("r1", "Mail", "Sign in", "203.0.113.0/24", "d1", T0);
        var s = new UserPushState { Rules = [rule] };

        Assert.Same(rule, UserPushPolicy.MatchingRule(s, new ChallengeContext("Mail", "Sign in", "203.0.113.200")));
        Assert.Null(UserPushPolicy.MatchingRule(s, new ChallengeContext("Mail", "Sign in", "198.51.100.1")));
        Assert.Null(UserPushPolicy.MatchingRule(s, new ChallengeContext("Mail", "Delete account", "203.0.113.200")));
        Assert.Null(UserPushPolicy.MatchingRule(s, new ChallengeContext("Mail", "Sign in")));
    }

    [Fact]
    public void Resolved_Approvals_CountTowardRuleEligibility()
    {
        var s = new UserPushState();
        for (var i = 0; i < 3; i++)
        {
            (s, _) = UserPushPolicy.Resolved(s, Resolution(ChallengeStatus.Approved, ip: "203.0.113." + (i + 1)), TimeSpan.FromMinutes(30), 3, T0);
        }

        Assert.Equal(3, s.ApprovalHistory[UserPushPolicy.HistoryKey("Mail", "Sign in", "203.0.113.0/24")]);
        Assert.Equal(3, s.RecentApprovals.Count);
    }
}
