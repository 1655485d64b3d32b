using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Recovery;
using PushAuth.Domain.Users;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Domain.Tests.Users;

/// <summary>What a method's or a code's result does to the user (the grain does the cryptography), on a hand-moved clock.</summary>
public sealed class UserDeciderMethodsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTime _time = new(T0);
    private readonly UserDecider _decider;

    public UserDeciderMethodsTests() => _decider = new UserDecider(new ChallengeOptions(), _time);

    private static UserState User() => new() { TenantId = "t1", UserId = "alice" };

    private static TotpMethod Totp(string id) => new(id, null, "v1.key.old", OtpAlgorithm.Sha1, 6, 30, T0, null, null);

    [Fact]
    public void AddDevice_EndsARevocation_PairingAgainChangesNothing_StartedBeforeTheRevocationRefused()
    {
        var revoked = User() with { Recovery = new UserRecoveryState { PushRevokedAt = T0 } };
        _time.Advance(TimeSpan.FromMinutes(1));

        var (decision, method) = _decider.AddDevice(revoked, "d1", "Pixel", "phrase", RequestOrigin.Internal, pairingBoundAt: T0.AddSeconds(30));
        var (again, same) = _decider.AddDevice(decision!.State, "d1", "Pixel", "phrase", RequestOrigin.Internal, null);
        var refused = Assert.Throws<PushAuthException>(() => _decider.AddDevice(revoked, "d2", "Old", "phrase", RequestOrigin.Internal, pairingBoundAt: T0.AddSeconds(-1)));

        Assert.Null(decision.State.Recovery.PushRevokedAt);
        Assert.Equal(T0.AddMinutes(1), method.CreatedAt);
        Assert.Contains(decision.State.Owed.History, e => e.Activity == HistoryActivities.MethodPaired && e.DeviceId == "d1");
        Assert.Null(again);
        Assert.Equal(method.MethodId, same.MethodId);
        Assert.Equal(ProblemCodes.Pairing.Revoked.Code, refused.Code);
    }

    [Fact]
    public void TotpAccepted_RecordsTheStep_ResetsFailures_SavesReprotectedSeeds()
    {
        var s = User() with { Totp = [Totp("totp_1"), Totp("totp_2")], TotpFailures = 4 };
        _time.Advance(TimeSpan.FromSeconds(7));

        var next = _decider.TotpAccepted(s, s.Totp[1], 1234, new Dictionary<string, string> { ["totp_1"] = "v2.key.new" }, RequestOrigin.Internal).State;

        Assert.Equal((1234L, T0.AddSeconds(7)), (next.Totp[1].LastAcceptedStep!.Value, next.Totp[1].LastUsedAt!.Value));
        Assert.Equal("v2.key.new", next.Totp[0].ProtectedSecret);
        Assert.Equal(0, next.TotpFailures);
        Assert.Contains(next.Owed.History, e => e.Activity == HistoryActivities.TotpVerify && e.Status == "accepted");
    }

    [Fact]
    public void TotpFailed_CountsOnTheThrottle_NamesTheOutcome()
    {
        var s = User() with { Totp = [Totp("totp_1")], TotpFailures = TotpThrottle.FreeFailures - 1 };

        var (decision, outcome) = _decider.TotpFailed(s, replayed: false, new Dictionary<string, string>(), RequestOrigin.Internal);
        var (_, replayedOutcome) = _decider.TotpFailed(s, replayed: true, new Dictionary<string, string>(), RequestOrigin.Internal);
        var (locked, lockedOutcome) = _decider.TotpFailed(s with { TotpFailures = TotpThrottle.LockAfterFailures - 1 }, false, new Dictionary<string, string>(), RequestOrigin.Internal);

        Assert.Equal("rejected", outcome);
        Assert.Equal(T0.AddSeconds(1), decision.State.TotpThrottledUntil);
        Assert.Equal("replayed", replayedOutcome);
        Assert.Equal("locked", lockedOutcome);
        Assert.True(locked.State.TotpLocked);
    }

    [Fact]
    public void TemporaryCode_IssuedReplacesTheActiveOne_UsedOnceWhenOneTime_ExpiredByAnAdmin()
    {
        var settings = new TenantSettings("Acme", Recovery: new RecoverySettings(EventsWebhookUrl: "https://login.example/events"));
        TemporaryCode Code(string id) => new(id, "salt", "hash", _time.GetUtcNow(), _time.GetUtcNow().AddHours(1), "admin", false, null, null);
        var s = _decider.TemporaryCodeIssued(User(), settings, Code("tc_1"), RequestOrigin.Internal, null).State;
        _time.Advance(TimeSpan.FromMinutes(1));

        s = _decider.TemporaryCodeIssued(s, settings, Code("tc_2"), RequestOrigin.Internal, null).State;
        var used = _decider.TemporaryCodeAccepted(s, s.Recovery.ActiveCode!, "lsk_1", RequestOrigin.Internal).State;
        var (expired, _) = _decider.ExpireTemporaryCodes(s, "admin", RequestOrigin.Internal);
        var (nothing, noneActive) = _decider.ExpireTemporaryCodes(used, "admin", RequestOrigin.Internal);

        Assert.Equal("tc_2", s.Recovery.ActiveCode!.CodeId);
        Assert.Equal(2, s.Recovery.CodesIssued.Count);
        Assert.Contains(s.Owed.History, e => e.Activity == HistoryActivities.TemporaryCodeIssued && e.Remarks!.EndsWith("replaced=tc_1", StringComparison.Ordinal));
        Assert.Equal(2, s.Owed.Items.OfType<OwedEventWebhook>().Count());
        Assert.Null(used.Recovery.ActiveCode);
        Assert.Null(expired!.State.Recovery.ActiveCode);
        Assert.Null(nothing);
        Assert.Equal("none-active", noneActive!.Status);
    }

    [Fact]
    public void NoticeContact_UnlinkingOnlyTheCurrentOne_NoWriteWhenUnchanged()
    {
        var linked = UserDecider.NoticeContact(User(), "ck_1", null)!.State;

        Assert.Equal("ck_1", linked.Recovery.NoticeContactKey);
        Assert.Null(UserDecider.NoticeContact(linked, "ck_1", null));
        Assert.Null(UserDecider.NoticeContact(linked, null, "ck_other"));
        Assert.Null(UserDecider.NoticeContact(linked, null, "ck_1")!.State.Recovery.NoticeContactKey);
        Assert.Null(UserDecider.NoticeContact(new UserState(), "ck_1", null));
    }
}
