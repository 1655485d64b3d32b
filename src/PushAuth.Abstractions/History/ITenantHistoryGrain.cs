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
}
