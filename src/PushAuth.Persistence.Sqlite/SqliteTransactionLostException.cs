namespace PushAuth.Persistence.Sqlite;

/// <summary>A write was in a group-commit transaction that SQLite rolled back as a whole (an I/O error or a full disk
/// caused by another request of the batch); nothing of it was stored and it may be retried.</summary>
public sealed class SqliteTransactionLostException(string databasePath)
    : Exception($"The SQLite database '{databasePath}' rolled back a write transaction after an I/O error; this write was not stored.")
{
    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; } = databasePath;
}
