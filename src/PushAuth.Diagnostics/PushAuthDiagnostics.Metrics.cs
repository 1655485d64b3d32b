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

    // Timer lateness: usually sub-second, minutes when a silo is overloaded or down.
    private static readonly double[] LagBuckets =
        [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    // Observer registries come before the instruments whose callbacks read them.
    private static readonly ObserverRegistry<OutboxSnapshot> OutboxObservers = new();
    private static readonly ObserverRegistry<IEnumerable<KeyValuePair<string, long>>> ActivationObservers = new();

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

    /// <summary><c>pushauth.push.dispatch.delay</c>: from the outbox row's commit to the send request, tagged <c>provider</c>.</summary>
    public static readonly Histogram<double> PushDispatchDelay = Meter.CreateHistogram(
        InstrumentNames.PushDispatchDelay, "s", "Time from the push's outbox row being committed to its send request.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });

    /// <summary>Records how long a push waited between commit and send.</summary>
    public static void RecordPushDispatchDelay(string provider, TimeSpan delay) =>
        PushDispatchDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>(TagNames.Provider, provider));

    /// <summary><c>pushauth.push.errors</c>: failed sends, tagged <c>provider</c> and <c>reason</c>.</summary>
    public static readonly Counter<long> PushErrors = Meter.CreateCounter<long>(
        InstrumentNames.PushErrors, "{error}", "Failed push sends, by provider and provider reason.");

    /// <summary><c>pushauth.push.auth_failures</c>: the provider rejected our credentials (alert metric), tagged <c>provider</c>.</summary>
    public static readonly Counter<long> PushAuthFailures = Meter.CreateCounter<long>(
        InstrumentNames.PushAuthFailures, "{error}", "Push provider authentication failures (expired key, revoked service account).");

    /// <summary><c>pushauth.outbox.depth</c>: messages waiting in the outbox; values come from <see cref="RegisterOutboxObserver"/>.</summary>
    public static readonly ObservableGauge<long> OutboxDepth = Meter.CreateObservableGauge(
        InstrumentNames.OutboxDepth, ObserveOutboxDepth, "{message}", "Messages waiting in the transactional outbox.");

    /// <summary><c>pushauth.outbox.oldest_age</c>: age of the oldest waiting outbox message; values come from <see cref="RegisterOutboxObserver"/>.</summary>
    public static readonly ObservableGauge<double> OutboxOldestAge = Meter.CreateObservableGauge(
        InstrumentNames.OutboxOldestAge, ObserveOutboxOldestAge, "s", "Age of the oldest message waiting in the outbox.");

    /// <summary><c>pushauth.grain.activations</c>: live activations, tagged <c>grain_type</c>; values come from <see cref="RegisterGrainActivationObserver"/>.</summary>
    public static readonly ObservableUpDownCounter<long> GrainActivations = Meter.CreateObservableUpDownCounter(
        InstrumentNames.GrainActivations, ObserveGrainActivations, "{activation}", "Grain activations in memory, by grain type.");

    /// <summary><c>pushauth.longpoll.waiting</c>: long-poll requests currently waiting; use <see cref="BeginLongPoll"/>.</summary>
    public static readonly UpDownCounter<long> LongPollWaiting = Meter.CreateUpDownCounter<long>(
        InstrumentNames.LongPollWaiting, "{request}", "Long-poll requests waiting for a decision.");

    /// <summary><c>pushauth.reminder.lag</c>: how late durable reminders fire.</summary>
    public static readonly Histogram<double> ReminderLag = Meter.CreateHistogram(
        InstrumentNames.ReminderLag, "s", "Delay between a reminder's due time and its firing.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

    /// <summary><c>pushauth.storage.operation.duration</c>: grain storage calls, tagged <c>operation</c> and <c>provider</c>.</summary>
    public static readonly Histogram<double> StorageOperationDuration = Meter.CreateHistogram(
        InstrumentNames.StorageOperationDuration, "s", "Duration of grain state storage operations.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });

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

    /// <summary>Records how late a reminder fired (negative lag counts as zero).</summary>
    public static void RecordReminderLag(TimeSpan lag) => ReminderLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>Records one storage call; <paramref name="operation"/> is one of <see cref="StorageOperations"/>, <paramref name="provider"/> e.g. <c>postgres</c>.</summary>
    public static void RecordStorageOperation(string operation, string provider, TimeSpan duration) =>
        StorageOperationDuration.Record(
            Math.Max(0, duration.TotalSeconds),
            new KeyValuePair<string, object?>(TagNames.Operation, operation),
            new KeyValuePair<string, object?>(TagNames.Provider, provider));

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

    /// <summary>
    /// Supplies the outbox gauges. Several observers (e.g. two silos in one test process) are
    /// combined: depths add up, the oldest age is the maximum. Dispose the result to unregister.
    /// </summary>
    public static IDisposable RegisterOutboxObserver(Func<OutboxSnapshot> observe) => OutboxObservers.Add(observe);

    /// <summary>
    /// Supplies <c>pushauth.grain.activations</c> as (grain type, live activation count) pairs.
    /// Counts from several observers are added per grain type. Dispose the result to unregister.
    /// </summary>
    public static IDisposable RegisterGrainActivationObserver(Func<IEnumerable<KeyValuePair<string, long>>> observe) =>
        ActivationObservers.Add(observe);

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

    private static IEnumerable<Measurement<long>> ObserveOutboxDepth()
    {
        var observers = OutboxObservers.Snapshot();
        if (observers.Count == 0)
        {
            return [];
        }

        long depth = 0;
        foreach (var observe in observers)
        {
            depth += observe().Depth;
        }

        return [new Measurement<long>(depth)];
    }

    private static IEnumerable<Measurement<double>> ObserveOutboxOldestAge()
    {
        var observers = OutboxObservers.Snapshot();
        if (observers.Count == 0)
        {
            return [];
        }

        var oldest = TimeSpan.Zero;
        foreach (var observe in observers)
        {
            var age = observe().OldestAge;
            if (age > oldest)
            {
                oldest = age;
            }
        }

        return [new Measurement<double>(oldest.TotalSeconds)];
    }

    private static IEnumerable<Measurement<long>> ObserveGrainActivations()
    {
        var observers = ActivationObservers.Snapshot();
        if (observers.Count == 0)
        {
            return [];
        }

        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var observe in observers)
        {
            foreach (var (grainType, count) in observe())
            {
                totals[grainType] = totals.GetValueOrDefault(grainType) + count;
            }
        }

        var measurements = new List<Measurement<long>>(totals.Count);
        foreach (var (grainType, count) in totals)
        {
            measurements.Add(new Measurement<long>(count, new KeyValuePair<string, object?>(TagNames.GrainType, grainType)));
        }

        return measurements;
    }
}
