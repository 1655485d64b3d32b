using static PushAuth.Diagnostics.PushAuthDiagnostics;

namespace PushAuth.Diagnostics.Tests;

public sealed class RecordingHelpersTests
{
    [Fact]
    public void RecordChallengeResolved_Outcome_CountsAndRecordsSeconds()
    {
        using var recorder = new MeasurementRecorder();

        RecordChallengeResolved(ChallengeOutcomes.Approved, TimeSpan.FromMilliseconds(4500));

        var counted = recorder.For(InstrumentNames.ChallengeResolved, TagNames.Outcome, ChallengeOutcomes.Approved);
        var timed = recorder.For(InstrumentNames.ChallengeDecisionDuration, TagNames.Outcome, ChallengeOutcomes.Approved);
        Assert.Contains(counted, m => m.Value == 1);
        Assert.Contains(timed, m => m.Value == 4.5);
    }

    [Fact]
    public void RecordPushSend_Success_CountsSendWithoutError()
    {
        using var recorder = new MeasurementRecorder();
        var provider = "p-" + Guid.NewGuid().ToString("N");

        RecordPushSend(provider, PushResultKinds.Success, "", TimeSpan.FromMilliseconds(20));

        var send = Assert.Single(recorder.For(InstrumentNames.PushSends, TagNames.Provider, provider));
        Assert.Equal(PushResultKinds.Success, send.Tags[TagNames.Result]);
        Assert.Equal(0.02, Assert.Single(recorder.For(InstrumentNames.PushSendDuration, TagNames.Provider, provider)).Value, 6);
        Assert.Empty(recorder.For(InstrumentNames.PushErrors, TagNames.Provider, provider));
        Assert.Empty(recorder.For(InstrumentNames.PushAuthFailures, TagNames.Provider, provider));
    }

    [Fact]
    public void RecordPushSend_AuthFailure_CountsErrorWithReasonAndAuthFailure()
    {
        using var recorder = new MeasurementRecorder();
        var provider = "p-" + Guid.NewGuid().ToString("N");

        RecordPushSend(provider, PushResultKinds.AuthFailure, "ExpiredProviderToken", TimeSpan.FromSeconds(1));

        var error = Assert.Single(recorder.For(InstrumentNames.PushErrors, TagNames.Provider, provider));
        Assert.Equal("ExpiredProviderToken", error.Tags[TagNames.Reason]);
        Assert.Single(recorder.For(InstrumentNames.PushAuthFailures, TagNames.Provider, provider));
    }

    [Fact]
    public void RecordPushSend_EmptyReasonOnFailure_TagsUnknown()
    {
        using var recorder = new MeasurementRecorder();
        var provider = "p-" + Guid.NewGuid().ToString("N");

        RecordPushSend(provider, PushResultKinds.Retryable, "", TimeSpan.Zero);

        Assert.Equal("unknown", Assert.Single(recorder.For(InstrumentNames.PushErrors, TagNames.Provider, provider)).Tags[TagNames.Reason]);
    }

    [Fact]
    public void SimpleCounters_Helpers_RecordTheirTags()
    {
        using var recorder = new MeasurementRecorder();
        var tag = "t-" + Guid.NewGuid().ToString("N");

        RecordStorageConflict(tag);
        RecordFraudReport(tag);
        RecordPushBlocked(tag);
        RecordChallengeCreated(tag);
        RecordTotpVerification(tag);
        RecordTempCodeVerification(tag);
        RecordPairingCompleted(PairingMethods.Qr, tag);

        Assert.Single(recorder.For(InstrumentNames.StorageConflicts, TagNames.GrainType, tag));
        Assert.Single(recorder.For(InstrumentNames.FraudReports, TagNames.Tenant, tag));
        Assert.Single(recorder.For(InstrumentNames.PushBlocks, TagNames.Tenant, tag));
        Assert.Single(recorder.For(InstrumentNames.ChallengeCreated, TagNames.Tenant, tag));
        Assert.Single(recorder.For(InstrumentNames.TotpVerifications, TagNames.Result, tag));
        Assert.Single(recorder.For(InstrumentNames.TempCodeVerifications, TagNames.Result, tag));
        Assert.Equal(PairingMethods.Qr, Assert.Single(recorder.For(InstrumentNames.PairingCompleted, TagNames.Result, tag)).Tags[TagNames.Method]);
    }

    [Fact]
    public void RecordChallengeCreated_NoTenant_RecordsWithoutTags()
    {
        using var recorder = new MeasurementRecorder();

        RecordChallengeCreated();

        Assert.Contains(recorder.For(InstrumentNames.ChallengeCreated), m => m.Tags.Count == 0);
    }

    [Fact]
    public void BeginLongPoll_DisposedTwice_DecrementsOnce()
    {
        using var recorder = new MeasurementRecorder();

        var scope = BeginLongPoll();
        scope.Dispose();
        scope.Dispose();

        Assert.Equal(0, recorder.For(InstrumentNames.LongPollWaiting).Sum(m => m.Value));
        Assert.Equal(2, recorder.For(InstrumentNames.LongPollWaiting).Count);
    }

    [Fact]
    public void RecordEffectDelivered_Delay_RecordsSecondsTaggedWithKind()
    {
        using var recorder = new MeasurementRecorder();
        var kind = "k-" + Guid.NewGuid().ToString("N");

        RecordEffectDelivered(kind, TimeSpan.FromMilliseconds(1250));

        var m = Assert.Single(recorder.For(InstrumentNames.EffectsDeliveryDelay, TagNames.EffectKind, kind));
        Assert.Equal(1.25, m.Value, 6);
        Assert.Single(m.Tags);
    }

    [Fact]
    public void RecordEffectDelivered_NegativeDelay_RecordsZero()
    {
        using var recorder = new MeasurementRecorder();
        var kind = "k-" + Guid.NewGuid().ToString("N");

        RecordEffectDelivered(kind, TimeSpan.FromSeconds(-3));

        Assert.Equal(0, Assert.Single(recorder.For(InstrumentNames.EffectsDeliveryDelay, TagNames.EffectKind, kind)).Value);
    }

    [Fact]
    public void RecordEffectRetryAndGivenUp_Kind_CountOncePerCallTaggedWithKind()
    {
        using var recorder = new MeasurementRecorder();
        var kind = "k-" + Guid.NewGuid().ToString("N");

        RecordEffectRetry(kind);
        RecordEffectRetry(kind);
        RecordEffectGivenUp(kind);

        Assert.Equal(2, recorder.For(InstrumentNames.EffectsRetries, TagNames.EffectKind, kind).Sum(m => m.Value));
        Assert.Equal(1, Assert.Single(recorder.For(InstrumentNames.EffectsGivenUp, TagNames.EffectKind, kind)).Value);
        Assert.Empty(recorder.For(InstrumentNames.EffectsDeliveryDelay, TagNames.EffectKind, kind));
    }

    [Fact]
    public void EffectKinds_Values_AreTheFourKindsOfOwedEffect()
    {
        Assert.Equal(
            ["history", "push", "webhook", "notice"],
            [EffectKinds.History, EffectKinds.Push, EffectKinds.Webhook, EffectKinds.Notice]);
        Assert.Equal("pushauth.effect.kind", TagNames.EffectKind);
    }
}
