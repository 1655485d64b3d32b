namespace PushAuth.Persistence.Sqlite;

/// <summary>The embedded SQLite database of one silo (configuration section <c>PushAuth:Storage</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "PushAuth:Storage";

    /// <summary>The directory holding the database, its WAL and its lock file; created if missing. Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "pushauth.db";

    /// <summary>Reader connections, each on its own thread. Reads run in parallel with each other and with the writer.</summary>
    public int ReaderCount { get; set; } = 2;

    /// <summary>At most this many write requests go into one transaction.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Durability of each commit; see <see cref="SqliteSynchronousMode"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;
}
