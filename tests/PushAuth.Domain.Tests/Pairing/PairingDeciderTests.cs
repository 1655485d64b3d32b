using PushAuth.Abstractions;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Pairing;
using PushAuth.History;

namespace PushAuth.Domain.Tests.Pairing;

/// <summary>The pairing's rules without a grain, on a clock moved by hand.</summary>
public sealed class PairingDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ManualTime _time = new(T0);
    private readonly PairingDecider _decider;

    public PairingDeciderTests() => _decider = new PairingDecider("pr_1", _time);

    private PairingState Claimed() => _decider.Claim(_decider.StartPhrase(new PairingState(), "dv_1", Lifetime), "t1", "Acme", "alice", "Mail", RequestOrigin.Internal, null);

    [Fact]
    public void Claim_BindsTheUserNow_AndAsksTheDeviceByPush()
    {
        var phrase = _decider.StartPhrase(new PairingState(), "dv_1", Lifetime);
        _time.Advance(TimeSpan.FromMinutes(1));

        var claimed = _decider.Claim(phrase, "t1", "Acme", "alice", "Mail", RequestOrigin.Internal, null);

        Assert.Equal((PairingStatus.AwaitingDevice, "alice", T0.AddMinutes(1)), (claimed.Status, claimed.UserId!, claimed.BoundAt!.Value));
        var push = Assert.Single(claimed.Owed.Pushes);
        Assert.Equal(("pairing", "dv_1", "pr_1", phrase.Nonce), (push.Request.Kind, push.Request.DeviceId, push.Request.ReferenceId, push.Request.Nonce));
        Assert.Equal(HistoryActivities.PairingClaimed, Assert.Single(claimed.Owed.History).Activity);
        Assert.Equal(ProblemCodes.Pairing.PhraseUsed.Code,
            Assert.Throws<PushAuthException>(() => _decider.Claim(claimed, "t1", "Acme", "bob", "Mail", RequestOrigin.Internal, null)).Code);
    }

    [Fact]
    public void Expiry_ReadsAsExpired_AndRefusesTheConfirmation()
    {
        var claimed = Claimed();
        _time.Advance(Lifetime);

        Assert.Equal(PairingStatus.Expired, _decider.Current(claimed).Status);
        Assert.Equal(ProblemCodes.Pairing.Expired.Code, Assert.Throws<PushAuthException>(() => _decider.EnsureConfirmable(claimed, "dv_1", "accept")).Code);
        // An expired phrase is refused like a used one; an unknown one has its own code.
        Assert.Equal(ProblemCodes.Pairing.PhraseUsed.Code,
            Assert.Throws<PushAuthException>(() => _decider.Claim(_decider.StartPhrase(new PairingState(), "dv_2", TimeSpan.Zero), "t1", "Acme", "a", "M", RequestOrigin.Internal, null)).Code);
        Assert.Equal(ProblemCodes.Pairing.UnknownPhrase.Code,
            Assert.Throws<PushAuthException>(() => _decider.Claim(new PairingState(), "t1", "Acme", "a", "M", RequestOrigin.Internal, null)).Code);
    }

    [Fact]
    public void EnsureConfirmable_OnlyTheAskedDevice_AcceptOrReject()
    {
        var claimed = Claimed();

        _decider.EnsureConfirmable(claimed, "dv_1", "reject");
        Assert.Equal(ProblemCodes.Pairing.NotFound.Code, Assert.Throws<PushAuthException>(() => _decider.EnsureConfirmable(claimed, "dv_2", "accept")).Code);
        Assert.Equal(ProblemCodes.Pairing.DecisionInvalid.Code, Assert.Throws<PushAuthException>(() => _decider.EnsureConfirmable(claimed, "dv_1", "maybe")).Code);
    }

    [Fact]
    public void FailedAttempt_VoidsThePairingAtTheLimit_EachAudited()
    {
        var s = _decider.StartOffer(new PairingState(), "t1", "Acme", "alice", "Mail", "hash", Lifetime, "admin", RequestOrigin.Internal);
        _decider.EnsureCompletable(s);
        for (var i = 0; i < PairingDecider.MaxFailedAttempts - 1; i++)
        {
            s = _decider.FailedAttempt(s, "dv_1", HistoryActivities.PairingOfferCredentialRejected, RequestOrigin.Internal);
        }
        Assert.Equal(PairingStatus.AwaitingDevice, s.Status);

        s = _decider.FailedAttempt(s, "dv_1", HistoryActivities.PairingOfferCredentialRejected, RequestOrigin.Internal);

        Assert.Equal(PairingStatus.Rejected, s.Status);
        Assert.Equal(PairingDecider.MaxFailedAttempts, s.Owed.History.Count(e => e.Activity == HistoryActivities.PairingOfferCredentialRejected));
        Assert.Equal(ProblemCodes.Pairing.OfferUsed.Code, Assert.Throws<PushAuthException>(() => _decider.EnsureCompletable(s)).Code);
    }

    [Fact]
    public void Finished_OwesItsOutcome_AndAnIdIsUsedOnce()
    {
        var (accepted, outcome) = _decider.Finished(Claimed() with { Status = PairingStatus.Accepted }, "phrase", "dv_1", RequestOrigin.Internal);

        Assert.Equal("accepted", outcome);
        Assert.Contains(accepted.Owed.History, e => e.Activity == "pairing.accepted" && e.CorrelationId == "pr_1");
        Assert.Equal(ProblemCodes.Pairing.Exists.Code, Assert.Throws<PushAuthException>(() => _decider.StartPhrase(accepted, "dv_1", Lifetime)).Code);
    }
}
