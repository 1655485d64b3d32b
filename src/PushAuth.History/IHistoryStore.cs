namespace PushAuth.History;

/// <summary>
/// The append-only store of the identity-verification history, beside the grain state: a PostgreSQL table, SQLite
/// in embedded mode, Azure Table on Azure Storage. One writer per tenant (the tenant's history grain) assigns
/// sequences and hashes; the store only persists and reads them.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Creates the table and indexes if missing (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest record of the tenant's chain, or null for an empty chain.</summary>
    Task<HistoryRecord?> GetHeadAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="eventIds"/> the tenant's history already holds.</summary>
    Task<IReadOnlySet<string>> FindExistingAsync(string tenantId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default);

    /// <summary>Appends records in one transaction. Throws <see cref="HistoryConflictException"/> when a sequence or
    /// event id is already taken (another writer got there first); nothing is written then.</summary>
    Task AppendAsync(string tenantId, IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken = default);

    /// <summary>One page, newest first.</summary>
    Task<IReadOnlyList<HistoryRecord>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The chain in sequence order from <paramref name="fromSequence"/> (inclusive), for verification and export.</summary>
    IAsyncEnumerable<HistoryRecord> ReadChainAsync(string tenantId, long fromSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>The newest entry retention may remove for <paramref name="before"/>: the last of the oldest entries that are
    /// all older than it, never the head; null when there is none. Its sequence and hash are what the cut records.</summary>
    Task<HistoryRecord?> FindRetentionCutAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries up to <paramref name="throughSequence"/> (retention, after the cut is recorded), never
    /// the head; returns how many.</summary>
    Task<long> DeleteThroughAsync(string tenantId, long throughSequence, CancellationToken cancellationToken = default);
}
