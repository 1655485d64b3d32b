namespace PushAuth.History;

/// <summary>Which dashboard series a history entry counts in: a push challenge approved (by the user or a rule),
/// denied, reported as fraud ("This wasn't me"), expired unanswered, or a push that could not be delivered.</summary>
public static class HistorySeries
{
    public const string Approvals = "approvals";
    public const string Denials = "denials";
    public const string FraudReports = "fraudReports";
    public const string Expiries = "expiries";
    public const string PushFailures = "pushFailures";

    /// <summary>The activity of a push the provider refused for good (a dead token, a permanent failure).</summary>
    public const string PushDeliveryFailedActivity = "push.delivery-failed";

    public static IReadOnlyList<string> All { get; } = [Approvals, Denials, FraudReports, Expiries, PushFailures];

    public static string? Of(HistoryEvent e) => e switch
    {
        { Activity: PushDeliveryFailedActivity } => PushFailures,
        { Activity: "challenge.answered" or "challenge.auto-approved", Status: "approved" } => Approvals,
        { Activity: "challenge.answered", Status: "denied", Remarks: "Fraud" } => FraudReports,
        { Activity: "challenge.answered", Status: "denied" } => Denials,
        { Activity: "challenge.expired" } => Expiries,
        _ => null,
    };
}
