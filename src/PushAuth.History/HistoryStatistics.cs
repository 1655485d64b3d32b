namespace PushAuth.History;

/// <summary>
/// Counts of what the helpdesk dashboard charts (approvals, denials, fraud reports, expiries, push-delivery failures)
/// per time bucket, read from one tenant's history. Bounded on every side: at most <see cref="MaxBuckets"/> buckets,
/// and at most <see cref="MaxScanned"/> entries read newest first through the store's ordinary time-range pages; a
/// window with more entries than that is counted from its newest part and says so (<see cref="HistoryStats.Truncated"/>,
/// <see cref="HistoryStats.CountedFrom"/>).
/// </summary>
public sealed class HistoryStatistics(IHistoryStore store)
{
    /// <summary>The most buckets one answer has.</summary>
    public const int MaxBuckets = 200;

    /// <summary>The most entries one answer reads.</summary>
    public const int MaxScanned = 50_000;

    private const int Page = 1000;

    public async Task<HistoryStats> CountAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        if (bucket <= TimeSpan.Zero || to <= from || (to - from).Ticks / bucket.Ticks >= MaxBuckets)
        {
            throw new ArgumentException($"The window must hold 1..{MaxBuckets} buckets.", nameof(bucket));
        }
        var buckets = (int)Math.Ceiling((to - from).Ticks / (double)bucket.Ticks);
        var counts = HistorySeries.All.ToDictionary(s => s, _ => new long[buckets], StringComparer.Ordinal);
        long scanned = 0;
        long? before = null;
        DateTimeOffset? oldest = null;
        var truncated = false;
        while (true)
        {
            var page = await store.QueryAsync(new HistoryQuery(tenantId, From: from, To: to, BeforeSequence: before, Limit: Page), cancellationToken);
            foreach (var record in page)
            {
                oldest = record.Event.At;
                if (HistorySeries.Of(record.Event) is { } series)
                {
                    var index = (int)((record.Event.At - from).Ticks / bucket.Ticks);
                    if (index >= 0 && index < buckets)
                    {
                        counts[series][index]++;
                    }
                }
            }
            scanned += page.Count;
            if (page.Count < Page)
            {
                break;
            }
            if (scanned >= MaxScanned)
            {
                truncated = true;
                break;
            }
            before = page[^1].Sequence;
        }
        return new HistoryStats(from, to, bucket, [.. Enumerable.Range(0, buckets).Select(i => from + bucket * i)], counts, scanned, truncated,
            truncated ? oldest : from);
    }
}
