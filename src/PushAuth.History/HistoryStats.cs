namespace PushAuth.History;

/// <summary>The dashboard's counts: for each series of <see cref="HistorySeries.All"/>, one count per bucket starting
/// at <see cref="Buckets"/>[i]. <see cref="CountedFrom"/> is <see cref="From"/> unless the window held more than
/// <see cref="HistoryStatistics.MaxScanned"/> entries (<see cref="Truncated"/>): then the time of the oldest entry read.</summary>
public sealed record HistoryStats(
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Bucket,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyDictionary<string, long[]> Series,
    long Scanned,
    bool Truncated,
    DateTimeOffset? CountedFrom);
