using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>
/// The single writer of one tenant's identity-verification history (key: tenant id): it orders events, links them
/// into the hash chain and appends them in batches (one transaction for everything that arrived meanwhile).
/// Appends are idempotent by event id, so a grain that re-sends owed events after a crash stores them once.
/// </summary>
[Alias("pa.ITenantHistoryGrain")]
public interface ITenantHistoryGrain : IGrainWithStringKey
{
    /// <summary>Appends and returns once the events are durable. Interleaves, so concurrent callers share one commit.</summary>
    [Alias("Append"), AlwaysInterleave]
    Task AppendAsync(IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries older than the tenant's retention (<see cref="RecoverySettings.HistoryRetentionDays"/>,
    /// 180 days by default, never below the operator's floor) and returns how many; the grain's reminder calls it every
    /// hour. The cut (its last sequence and hash) is recorded in the chain first, so the oldest kept entry is accounted for.</summary>
    [Alias("EnforceRetention")]
    Task<long> EnforceRetentionAsync(CancellationToken cancellationToken = default);
}
