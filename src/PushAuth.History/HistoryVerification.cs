namespace PushAuth.History;

/// <summary>Result of checking a tenant's chain: intact, or the first bad entry and why.</summary>
public sealed record HistoryVerification(bool IsIntact, long CheckedCount, long? LastSequence, long? FirstBadSequence, string? Problem)
{
    public static HistoryVerification Intact(long count, long? last) => new(true, count, last, null, null);

    public static HistoryVerification Broken(long count, long badSequence, string problem) => new(false, count, null, badSequence, problem);
}
