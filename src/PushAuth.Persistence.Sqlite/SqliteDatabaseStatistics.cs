namespace PushAuth.Persistence.Sqlite;

/// <summary>Counters of a <see cref="SqliteDatabase"/> since it opened, for diagnostics and benchmarks.</summary>
/// <param name="WriteRequests">Write requests the writer answered after a commit (succeeded or failed on their own precondition).</param>
/// <param name="Transactions">Transactions committed; <see cref="WriteRequests"/> / <see cref="Transactions"/> is the group-commit batch size.</param>
/// <param name="FailedBatches">Batches whose transaction could not commit (every request in them failed).</param>
/// <param name="Reads">Read requests run on the reader threads.</param>
public readonly record struct SqliteDatabaseStatistics(long WriteRequests, long Transactions, long FailedBatches, long Reads);
