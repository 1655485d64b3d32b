using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PushAuth.Diagnostics;

public static partial class PushAuthDiagnostics
{
    // Seconds-scale buckets: a person answers a push in seconds to minutes.
    private static readonly double[] DecisionBuckets =
        [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300];

    // Network and database calls: milliseconds up to a stuck call's timeout.
    private static readonly double[] CallBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // Owed effects: milliseconds when handed out after the write, minutes when retried or drained by a
    // reminder after a silo died, hours for a webhook endpoint that stays down.
    private static readonly double[] EffectDelayBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600];

    /// <summary>The meter owning every PushAuth instrument.</summary>
    public static Meter Meter { get; } = new(MeterName, Version);

    /// <summary><c>pushauth.challenge.created</c>: login challenges created.</summary>
    public static readonly Counter<long> ChallengeCreated = Meter.CreateCounter<long>(
        InstrumentNames.ChallengeCreated, "{challenge}", "Login approval challenges created.");

    /// <summary><c>pushauth.challenge.resolved</c>: challenges that reached a final outcome, tagged <c>outcome</c>.</summary>
    public static readonly Counter<long> ChallengeResolved = Meter.CreateCounter<long>(
        InstrumentNames.ChallengeResolved, "{challenge}", "Challenges resolved, by outcome (approved, denied, expired, cancelled).");

    /// <summary><c>pushauth.challenge.decision.duration</c>: time from creation to outcome, tagged <c>outcome</c>.</summary>
    public static readonly Histogram<double> ChallengeDecisionDuration = Meter.CreateHistogram(
        InstrumentNames.ChallengeDecisionDuration, "s", "Time from challenge creation to its outcome.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DecisionBuckets });

    /// <summary><c>pushauth.push.sends</c>: push send attempts, tagged <c>provider</c> and <c>result</c>.</summary>
    public static readonly Counter<long> PushSends = Meter.CreateCounter<long>(
        InstrumentNames.PushSends, "{send}", "Push send attempts, by provider and result.");

    /// <summary><c>pushauth.push.send.duration</c>: provider round trip, tagged <c>provider</c> and <c>result</c>.</summary>
    public static readonly Histogram<double> PushSendDuration = Meter.CreateHistogram(
        InstrumentNames.PushSendDuration, "s", "Duration of one push send call to the provider.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });

    /// <summary><c>pushauth.push.errors</c>: failed sends, tagged <c>provider</c> and <c>reason</c>.</summary>
    public static readonly Counter<long> PushErrors = Meter.CreateCounter<long>(
        InstrumentNames.PushErrors, "{error}", "Failed push sends, by provider and provider reason.");

    /// <summary><c>pushauth.push.auth_failures</c>: the provider rejected our credentials (alert metric), tagged <c>provider</c>.</summary>
    public static readonly Counter<long> PushAuthFailures = Meter.CreateCounter<long>(
        InstrumentNames.PushAuthFailures, "{error}", "Push provider authentication failures (expired key, revoked service account).");

    /// <summary><c>pushauth.longpoll.waiting</c>: long-poll requests currently waiting; use <see cref="BeginLongPoll"/>.</summary>
    public static readonly UpDownCounter<long> LongPollWaiting = Meter.CreateUpDownCounter<long>(
        InstrumentNames.LongPollWaiting, "{request}", "Long-poll requests waiting for a decision.");

    /// <summary>
    /// <c>pushauth.effects.delivery.delay</c>: from the write that saved the decision (and the effect it owes) to the
    /// effect's delivery, tagged <c>pushauth.effect.kind</c>.
    /// </summary>
    public static readonly Histogram<double> EffectsDeliveryDelay = Meter.CreateHistogram(
        InstrumentNames.EffectsDeliveryDelay, "s", "Time from the write that owed an effect to its delivery, by effect kind.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EffectDelayBuckets });

    /// <summary><c>pushauth.effects.retries</c>: failed deliveries of owed effects that will be tried again, tagged <c>pushauth.effect.kind</c>.</summary>
    public static readonly Counter<long> EffectsRetries = Meter.CreateCounter<long>(
        InstrumentNames.EffectsRetries, "{retry}", "Owed effect deliveries that failed and will be retried, by effect kind.");

    /// <summary><c>pushauth.effects.given_up</c>: owed effects dropped undelivered after their last attempt (alert metric), tagged <c>pushauth.effect.kind</c>.</summary>
    public static readonly Counter<long> EffectsGivenUp = Meter.CreateCounter<long>(
        InstrumentNames.EffectsGivenUp, "{effect}", "Owed effects given up undelivered, by effect kind.");

    /// <summary><c>pushauth.storage.conflicts</c>: ETag conflicts, tagged <c>grain_type</c>.</summary>
    public static readonly Counter<long> StorageConflicts = Meter.CreateCounter<long>(
        InstrumentNames.StorageConflicts, "{conflict}", "Optimistic concurrency (ETag) conflicts on grain state writes.");

    /// <summary><c>pushauth.fraud.reports</c>: users reporting a push they did not start.</summary>
    public static readonly Counter<long> FraudReports = Meter.CreateCounter<long>(
        InstrumentNames.FraudReports, "{report}", "Fraud reports from users (a push they did not start).");

    /// <summary><c>pushauth.push.blocks</c>: challenges refused by push-fatigue protection (alert metric).</summary>
    public static readonly Counter<long> PushBlocks = Meter.CreateCounter<long>(
        InstrumentNames.PushBlocks, "{challenge}", "Challenges blocked by push-fatigue protection.");

    /// <summary><c>pushauth.totp.verifications</c>: TOTP checks, tagged <c>result</c>.</summary>
    public static readonly Counter<long> TotpVerifications = Meter.CreateCounter<long>(
        InstrumentNames.TotpVerifications, "{verification}", "TOTP verifications, by result (accepted, rejected, replayed, locked).");

    /// <summary><c>pushauth.tempcode.verifications</c>: temporary code checks, tagged <c>result</c>.</summary>
    public static readonly Counter<long> TempCodeVerifications = Meter.CreateCounter<long>(
        InstrumentNames.TempCodeVerifications, "{verification}", "Temporary verification code checks, by result.");

    /// <summary><c>pushauth.pairing.completed</c>: device pairings finished, tagged <c>method</c> and <c>result</c>.</summary>
    public static readonly Counter<long> PairingCompleted = Meter.CreateCounter<long>(
        InstrumentNames.PairingCompleted, "{pairing}", "Device pairings finished, by method (phrase, qr) and result.");

    /// <summary>Counts a new challenge; <paramref name="tenant"/> is optional and should be a low-cardinality tenant id.</summary>
    public static void RecordChallengeCreated(string? tenant = null)
    {
        if (tenant is null)
        {
            ChallengeCreated.Add(1);
        }
        else
        {
            ChallengeCreated.Add(1, new KeyValuePair<string, object?>(TagNames.Tenant, tenant));
        }
    }

    /// <summary>Counts a challenge outcome (see <see cref="ChallengeOutcomes"/>) and records its time to decision.</summary>
    public static void RecordChallengeResolved(string outcome, TimeSpan timeToDecision)
    {
        var tag = new KeyValuePair<string, object?>(TagNames.Outcome, outcome);
        ChallengeResolved.Add(1, tag);
        ChallengeDecisionDuration.Record(Math.Max(0, timeToDecision.TotalSeconds), tag);
    }

    /// <summary>
    /// Records one push send: <c>pushauth.push.sends</c> and <c>pushauth.push.send.duration</c> always;
    /// <c>pushauth.push.errors</c> (tagged <paramref name="reason"/>) unless <paramref name="resultKind"/> is
    /// <see cref="PushResultKinds.Success"/>; and <c>pushauth.push.auth_failures</c> when it is
    /// <see cref="PushResultKinds.AuthFailure"/>.
    /// </summary>
    /// <param name="provider">See <see cref="PushProviders"/>.</param>
    /// <param name="resultKind">See <see cref="PushResultKinds"/>.</param>
    /// <param name="reason">The provider's reason (e.g. <c>UNREGISTERED</c>, <c>ExpiredProviderToken</c>); ignored on success.</param>
    /// <param name="duration">Wall time of the provider call.</param>
    public static void RecordPushSend(string provider, string resultKind, string reason, TimeSpan duration)
    {
        var tags = new TagList
        {
            { TagNames.Provider, provider },
            { TagNames.Result, resultKind },
        };
        PushSends.Add(1, tags);
        PushSendDuration.Record(Math.Max(0, duration.TotalSeconds), tags);
        if (!string.Equals(resultKind, PushResultKinds.Success, StringComparison.Ordinal))
        {
            PushErrors.Add(
                1,
                new KeyValuePair<string, object?>(TagNames.Provider, provider),
                new KeyValuePair<string, object?>(TagNames.Reason, string.IsNullOrEmpty(reason) ? "unknown" : reason));
        }

        if (string.Equals(resultKind, PushResultKinds.AuthFailure, StringComparison.Ordinal))
        {
            PushAuthFailures.Add(1, new KeyValuePair<string, object?>(TagNames.Provider, provider));
        }
    }

    /// <summary>
    /// Records an owed effect's delivery: <paramref name="delay"/> is the time from the write that owed it (the
    /// decision's write) to its delivery; negative counts as zero.
    /// </summary>
    /// <param name="kind">See <see cref="EffectKinds"/>.</param>
    /// <param name="delay">Delivery time minus the owing write's time.</param>
    public static void RecordEffectDelivered(string kind, TimeSpan delay) =>
        EffectsDeliveryDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>(TagNames.EffectKind, kind));

    /// <summary>Counts a failed delivery of an owed effect that will be tried again; <paramref name="kind"/> is one of <see cref="EffectKinds"/>.</summary>
    public static void RecordEffectRetry(string kind) =>
        EffectsRetries.Add(1, new KeyValuePair<string, object?>(TagNames.EffectKind, kind));

    /// <summary>Counts an owed effect given up undelivered; <paramref name="kind"/> is one of <see cref="EffectKinds"/>.</summary>
    public static void RecordEffectGivenUp(string kind) =>
        EffectsGivenUp.Add(1, new KeyValuePair<string, object?>(TagNames.EffectKind, kind));

    /// <summary>Counts an ETag conflict on a grain of <paramref name="grainType"/>.</summary>
    public static void RecordStorageConflict(string grainType) =>
        StorageConflicts.Add(1, new KeyValuePair<string, object?>(TagNames.GrainType, grainType));

    /// <summary>Counts a fraud report; <paramref name="tenant"/> is optional.</summary>
    public static void RecordFraudReport(string? tenant = null) => AddWithOptionalTenant(FraudReports, tenant);

    /// <summary>Counts a challenge refused by push-fatigue protection; <paramref name="tenant"/> is optional.</summary>
    public static void RecordPushBlocked(string? tenant = null) => AddWithOptionalTenant(PushBlocks, tenant);

    /// <summary>Counts a TOTP verification; <paramref name="result"/> is one of <see cref="VerificationResults"/>.</summary>
    public static void RecordTotpVerification(string result) =>
        TotpVerifications.Add(1, new KeyValuePair<string, object?>(TagNames.Result, result));

    /// <summary>Counts a temporary code verification; <paramref name="result"/> is one of <see cref="VerificationResults"/>.</summary>
    public static void RecordTempCodeVerification(string result) =>
        TempCodeVerifications.Add(1, new KeyValuePair<string, object?>(TagNames.Result, result));

    /// <summary>Counts a finished pairing; see <see cref="PairingMethods"/> and <see cref="PairingResults"/>.</summary>
    public static void RecordPairingCompleted(string method, string result) =>
        PairingCompleted.Add(
            1,
            new KeyValuePair<string, object?>(TagNames.Method, method),
            new KeyValuePair<string, object?>(TagNames.Result, result));

    /// <summary>Counts a long-poll as waiting until the returned scope is disposed.</summary>
    public static LongPollScope BeginLongPoll()
    {
        LongPollWaiting.Add(1);
        return new LongPollScope();
    }

    private static void AddWithOptionalTenant(Counter<long> counter, string? tenant)
    {
        if (tenant is null)
        {
            counter.Add(1);
        }
        else
        {
            counter.Add(1, new KeyValuePair<string, object?>(TagNames.Tenant, tenant));
        }
    }
}
