namespace PushAuth.Persistence.Sqlite;

/// <summary>The data directory's database is owned by another silo or process (its lock file is held).</summary>
public sealed class SqliteDatabaseLockedException : Exception
{
    public SqliteDatabaseLockedException(string databasePath, int? ownerProcessId, Exception? innerException = null)
        : base($"The SQLite database '{databasePath}' is in use by another silo (pid {ownerProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}?) — stop it, or use PostgreSQL for several silos.", innerException)
    {
        DatabasePath = databasePath;
        OwnerProcessId = ownerProcessId;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The process id the owner wrote beside the lock, if readable (it may be stale).</summary>
    public int? OwnerProcessId { get; }
}
