namespace PushAuth.Grains.Audit;

/// <summary>Bound from <c>PushAuth:Audit</c>: how refused and probing attempts are aggregated into the history.</summary>
internal sealed class AuditAggregationOptions
{
    /// <summary>Length of an aggregation window: repeated refused attempts of one kind become one history event per window.</summary>
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most distinct kinds (tenant, user, activity, status) counted per window on one silo; beyond it, attempts are counted per tenant.</summary>
    public int MaxKeys { get; set; } = 10_000;
}
