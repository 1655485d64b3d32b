namespace PushAuth.Persistence.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is fsynced to the WAL before the writers are answered: nothing acknowledged is lost,
    /// even on power loss. Group commit pays one fsync per batch, not per write.</summary>
    Full,

    /// <summary>The WAL is fsynced only at checkpoints: safe against a process crash, but the last commits can be
    /// lost on power loss or an OS crash.</summary>
    Normal,
}
