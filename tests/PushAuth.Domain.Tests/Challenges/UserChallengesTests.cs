using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Tests.Challenges;

/// <summary>The one resolve path every resolution takes (answer, cancel, expiry, disconnect, revocation).</summary>
public sealed class UserChallengesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static ChallengeState Pending(string id) =>
        ChallengeDecider.Create(new ChallengeSpec(id, "t1", "alice", new ChallengeContext("Mail", "Sign in"), ["d1", "d2"], null, T0.AddSeconds(120),
            null, null, null, null), "nonce-" + id, T0);

    [Fact]
    public void Resolve_ReplacesTheChallenge_DropsItsOwedPushes_AndOwesItsResolution()
    {
        var first = Pending("ch_1");
        var second = Pending("ch_2");
        var owed = ChallengeEffects.Created(first, RequestOrigin.Internal, T0).Plus(ChallengeEffects.Created(second, RequestOrigin.Internal, T0));
        var cancelled = ChallengeDecider.Cancel(first, T0.AddSeconds(5));

        var (challenges, after) = UserChallenges.Resolve([first, second], owed, [cancelled], RequestOrigin.Internal, "login-service", T0.AddSeconds(5));

        Assert.Equal(new[] { ChallengeStatus.Cancelled, ChallengeStatus.Pending }, challenges.Select(c => c.Status));
        Assert.DoesNotContain(after.Pushes, p => p.Request.ReferenceId == "ch_1" && p.Request.Kind == "challenge");
        Assert.Equal(new[] { "d1", "d2" }, after.Pushes.Where(p => p.Request.ReferenceId == "ch_1" && p.Request.Kind == "closed").Select(p => p.Request.DeviceId));
        Assert.Equal(2, after.Pushes.Count(p => p.Request.ReferenceId == "ch_2" && p.Request.Kind == "challenge"));
        Assert.Contains(after.History, e => e.Activity == "challenge.cancelled" && e.CorrelationId == "ch_1" && e.Actor == "login-service");
    }

    [Fact]
    public void Resolve_Nothing_ChangesNothing()
    {
        var first = Pending("ch_1");
        var owed = ChallengeEffects.Created(first, RequestOrigin.Internal, T0);

        var (challenges, after) = UserChallenges.Resolve([first], owed, [], RequestOrigin.Internal, "system", T0);

        Assert.Same(first, Assert.Single(challenges));
        Assert.Same(owed, after);
    }
}
