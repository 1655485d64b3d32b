using System.Diagnostics;

namespace PushAuth.Diagnostics;

/// <summary>
/// Every telemetry name Orleans.PushAuth emits: activity sources, the meter, its instruments,
/// tag keys and tag values. Record through the typed helpers so tags stay consistent.
/// </summary>
public static partial class PushAuthDiagnostics
{
    /// <summary>Activity source name for grain calls and turns.</summary>
    public const string GrainsActivitySourceName = "Orleans.PushAuth.Grains";

    /// <summary>Activity source name for grain state storage.</summary>
    public const string StorageActivitySourceName = "Orleans.PushAuth.Storage";

    /// <summary>Activity source name for push sends (FCM, APNs) and their delivery as owed effects.</summary>
    public const string PushActivitySourceName = "Orleans.PushAuth.Push";

    /// <summary>Activity source name for HTTP API endpoints.</summary>
    public const string ApiActivitySourceName = "Orleans.PushAuth.Api";

    /// <summary>Name of the single meter that owns every PushAuth instrument.</summary>
    public const string MeterName = "Orleans.PushAuth";

    // A property, not a field: static initializers in other partial files may run first.
    private static string Version =>
        typeof(PushAuthDiagnostics).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Spans for grain calls and turns.</summary>
    public static ActivitySource Grains { get; } = new(GrainsActivitySourceName, Version);

    /// <summary>Spans for grain state reads, writes and clears.</summary>
    public static ActivitySource Storage { get; } = new(StorageActivitySourceName, Version);

    /// <summary>Spans for push sends and their delivery as owed effects.</summary>
    public static ActivitySource Push { get; } = new(PushActivitySourceName, Version);

    /// <summary>Spans for HTTP API endpoints.</summary>
    public static ActivitySource Api { get; } = new(ApiActivitySourceName, Version);

    /// <summary>All PushAuth activity source names, for tracer provider registration.</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } =
    [
        GrainsActivitySourceName,
        StorageActivitySourceName,
        PushActivitySourceName,
        ApiActivitySourceName,
    ];

    /// <summary>Every instrument name the <see cref="MeterName"/> meter publishes.</summary>
    public static IReadOnlyList<string> MetricNames { get; } =
    [
        InstrumentNames.ChallengeCreated,
        InstrumentNames.ChallengeResolved,
        InstrumentNames.ChallengeDecisionDuration,
        InstrumentNames.PushSends,
        InstrumentNames.PushSendDuration,
        InstrumentNames.PushErrors,
        InstrumentNames.PushAuthFailures,
        InstrumentNames.LongPollWaiting,
        InstrumentNames.EffectsDeliveryDelay,
        InstrumentNames.EffectsRetries,
        InstrumentNames.EffectsGivenUp,
        InstrumentNames.StorageConflicts,
        InstrumentNames.FraudReports,
        InstrumentNames.PushBlocks,
        InstrumentNames.TotpVerifications,
        InstrumentNames.TempCodeVerifications,
        InstrumentNames.PairingCompleted,
    ];

    /// <summary>Instrument names (OpenTelemetry style: dotted, lower case).</summary>
    public static class InstrumentNames
    {
        public const string ChallengeCreated = "pushauth.challenge.created";
        public const string ChallengeResolved = "pushauth.challenge.resolved";
        public const string ChallengeDecisionDuration = "pushauth.challenge.decision.duration";
        public const string PushSends = "pushauth.push.sends";
        public const string PushSendDuration = "pushauth.push.send.duration";
        public const string PushErrors = "pushauth.push.errors";
        public const string PushAuthFailures = "pushauth.push.auth_failures";
        public const string LongPollWaiting = "pushauth.longpoll.waiting";
        public const string EffectsDeliveryDelay = "pushauth.effects.delivery.delay";
        public const string EffectsRetries = "pushauth.effects.retries";
        public const string EffectsGivenUp = "pushauth.effects.given_up";
        public const string StorageConflicts = "pushauth.storage.conflicts";
        public const string FraudReports = "pushauth.fraud.reports";
        public const string PushBlocks = "pushauth.push.blocks";
        public const string TotpVerifications = "pushauth.totp.verifications";
        public const string TempCodeVerifications = "pushauth.tempcode.verifications";
        public const string PairingCompleted = "pushauth.pairing.completed";
    }

    /// <summary>Tag (attribute) keys used on PushAuth instruments.</summary>
    public static class TagNames
    {
        public const string Outcome = "outcome";
        public const string Provider = "provider";
        public const string Result = "result";
        public const string Reason = "reason";
        public const string GrainType = "grain_type";
        public const string Operation = "operation";
        public const string Method = "method";
        public const string Tenant = "tenant";

        /// <summary>Kind of an owed effect (see <see cref="EffectKinds"/>), in OpenTelemetry attribute style.</summary>
        public const string EffectKind = "pushauth.effect.kind";
    }

    /// <summary>Values of the <c>outcome</c> tag on challenge instruments.</summary>
    public static class ChallengeOutcomes
    {
        public const string Approved = "approved";
        public const string Denied = "denied";
        public const string Expired = "expired";
        public const string Cancelled = "cancelled";
    }

    /// <summary>Values of the <c>pushauth.effect.kind</c> tag on the owed-effect instruments.</summary>
    public static class EffectKinds
    {
        /// <summary>An identity-verification history event.</summary>
        public const string History = "history";

        /// <summary>A push to a device.</summary>
        public const string Push = "push";

        /// <summary>A signed webhook to the login service.</summary>
        public const string Webhook = "webhook";

        /// <summary>A notice to another grain (e.g. a resolution reaching the per-user grain).</summary>
        public const string Notice = "notice";
    }

    /// <summary>Values of the <c>provider</c> tag on push instruments.</summary>
    public static class PushProviders
    {
        public const string Fcm = "fcm";
        public const string Apns = "apns";
    }

    /// <summary>Values of the <c>result</c> tag on push send instruments.</summary>
    public static class PushResultKinds
    {
        public const string Success = "success";
        public const string Retryable = "retryable";
        public const string Permanent = "permanent";
        public const string InvalidToken = "invalid_token";

        /// <summary>The provider rejected our credentials; also counted on <c>pushauth.push.auth_failures</c>.</summary>
        public const string AuthFailure = "auth_failure";
    }

    /// <summary>Values of the <c>result</c> tag on code verification instruments.</summary>
    public static class VerificationResults
    {
        public const string Accepted = "accepted";
        public const string Rejected = "rejected";
        public const string Replayed = "replayed";
        public const string Locked = "locked";
    }

    /// <summary>Values of the <c>method</c> tag on <c>pushauth.pairing.completed</c>.</summary>
    public static class PairingMethods
    {
        public const string Phrase = "phrase";
        public const string Qr = "qr";
    }

    /// <summary>Values of the <c>result</c> tag on <c>pushauth.pairing.completed</c>.</summary>
    public static class PairingResults
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string Expired = "expired";
    }
}
