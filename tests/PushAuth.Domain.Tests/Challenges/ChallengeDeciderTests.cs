using FsCheck.Xunit;
using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;

namespace PushAuth.Domain.Tests.Challenges;

public sealed class ChallengeDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static ChallengeState Pending(string? number = null, params string[] targets) =>
        ChallengeDecider.Create(new ChallengeSpec("ch_1", "t1", "alice", new ChallengeContext("Mail", "Sign in"), targets.Length == 0 ? ["d1", "d2"] : targets,
            number, T0.AddSeconds(120), null, null, null, null), "nonce-1", T0);

    private static ChallengeAnswer Answer(string device, string decision = "approve", string? number = null, string nonce = "nonce-1", DenyReason? reason = null) =>
        new(device, decision, number, reason, nonce, "sig");

    [Fact]
    public void Answer_ValidApproval_ResolvesApprovedByThatDevice()
    {
        var (state, outcome) = ChallengeDecider.Answer(Pending(), Answer("d1"), signatureValid: true, devicePaired: true, T0.AddSeconds(5));

        Assert.True(outcome.Accepted);
        Assert.Equal(ChallengeStatus.Approved, state.Status);
        Assert.Equal("d1", state.ResolvedBy);
        Assert.Equal(T0.AddSeconds(5), state.ResolvedAt);
    }

    [Fact]
    public void Answer_FraudDenial_ResolvesDeniedWithReason()
    {
        var (state, outcome) = ChallengeDecider.Answer(Pending(), Answer("d2", "deny", reason: DenyReason.Fraud), true, true, T0.AddSeconds(5));

        Assert.True(outcome.Accepted);
        Assert.Equal(ChallengeStatus.Denied, state.Status);
        Assert.Equal(DenyReason.Fraud, state.DenyReason);
    }

    [Theory]
    [InlineData("d9", true, true, "nonce-1", "challenge.not-a-target")]
    [InlineData("d1", false, true, "nonce-1", "challenge.bad-signature")]
    [InlineData("d1", true, true, "other-nonce", "challenge.bad-signature")]
    [InlineData("d1", true, false, "nonce-1", "challenge.device-not-paired")]
    public void Answer_Invalid_RejectedAndStateUnchanged(string device, bool signatureValid, bool paired, string nonce, string code)
    {
        var before = Pending();

        var (after, outcome) = ChallengeDecider.Answer(before, Answer(device, nonce: nonce), signatureValid, paired, T0.AddSeconds(5));

        Assert.False(outcome.Accepted);
        Assert.Equal(code, outcome.RejectionCode);
        Assert.Same(before, after);
    }

    [Fact]
    public void Answer_AfterExpiry_RejectedAndExpires()
    {
        var (state, outcome) = ChallengeDecider.Answer(Pending(), Answer("d1"), true, true, T0.AddSeconds(121));

        Assert.False(outcome.Accepted);
        Assert.Equal("challenge.already-resolved", outcome.RejectionCode);
        Assert.Equal(ChallengeStatus.Expired, state.Status);
        Assert.Equal(T0.AddSeconds(120), state.ResolvedAt);
    }

    [Fact]
    public void Answer_WrongNumber_DeniesAsNumberMismatch()
    {
        var (state, outcome) = ChallengeDecider.Answer(Pending("42"), Answer("d1", number: "24"), true, true, T0.AddSeconds(5));

        Assert.False(outcome.Accepted);
        Assert.Equal("challenge.number-mismatch", outcome.RejectionCode);
        Assert.Equal(ChallengeStatus.Denied, state.Status);
        Assert.Equal(DenyReason.NumberMismatch, state.DenyReason);
    }

    [Fact]
    public void Answer_RightNumber_Approves()
    {
        var (state, outcome) = ChallengeDecider.Answer(Pending("07"), Answer("d1", number: "07"), true, true, T0.AddSeconds(5));

        Assert.True(outcome.Accepted);
        Assert.Equal(ChallengeStatus.Approved, state.Status);
    }

    [Fact]
    public void Create_LifetimeOverTenMinutes_IsCapped()
    {
        var state = ChallengeDecider.Create(new ChallengeSpec("ch_1", "t", "u", new ChallengeContext("s", "a"), ["d"], null, T0.AddHours(1), null, null, null, null), "n", T0);

        Assert.Equal(T0 + ChallengeDecider.MaxLifetime, state.ExpiresAt);
    }

    [Fact]
    public void Cancel_Resolved_KeepsResolution()
    {
        var (approved, _) = ChallengeDecider.Answer(Pending(), Answer("d1"), true, true, T0.AddSeconds(1));

        var after = ChallengeDecider.Cancel(approved, T0.AddSeconds(2));

        Assert.Equal(ChallengeStatus.Approved, after.Status);
    }

    /// <summary>
    /// Model test: any interleaving of answers from several devices (valid or not, duplicated), cancels, expiry
    /// checks and clock steps resolves the challenge at most once, and never changes it after that.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool AnyInterleaving_ResolvesAtMostOnce(int[] events)
    {
        var state = Pending("12", "d1", "d2", "d3");
        var now = T0;
        ChallengeStatus? resolvedAs = null;
        DateTimeOffset? resolvedAt = null;
        var resolutions = 0;
        foreach (var e in events ?? [])
        {
            var kind = Math.Abs(e % 7);
            var device = "d" + (Math.Abs(e / 7 % 4) + 1); // d4 is not a target
            now = now.AddSeconds(Math.Abs(e % 13)); // time only moves forward
            var before = state;
            state = kind switch
            {
                0 => ChallengeDecider.Answer(state, Answer(device, "approve", "12"), true, true, now).State,
                1 => ChallengeDecider.Answer(state, Answer(device, "deny", reason: DenyReason.Fraud), true, true, now).State,
                2 => ChallengeDecider.Answer(state, Answer(device, "approve", "99"), true, true, now).State,
                3 => ChallengeDecider.Answer(state, Answer(device), signatureValid: false, devicePaired: true, now).State,
                4 => ChallengeDecider.Answer(state, Answer(device), true, devicePaired: false, now).State,
                5 => ChallengeDecider.Cancel(state, now),
                _ => ChallengeDecider.Expire(state, now),
            };
            if (before.IsPending && !state.IsPending)
            {
                resolutions++;
                resolvedAs = state.Status;
                resolvedAt = state.ResolvedAt;
            }
            if (resolvedAs is not null && (state.Status != resolvedAs || state.ResolvedAt != resolvedAt))
            {
                return false;
            }
            if (state.Status == ChallengeStatus.Approved && state.ResolvedBy is not ("d1" or "d2" or "d3"))
            {
                return false;
            }
            if (state.ResolvedAt > state.ExpiresAt)
            {
                return false;
            }
        }
        return resolutions <= 1;
    }
}
