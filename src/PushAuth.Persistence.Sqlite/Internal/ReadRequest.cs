namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>A unit of work for a reader thread.</summary>
internal abstract class ReadRequest
{
    /// <summary>Runs the work on <paramref name="session"/> and completes the caller's task.</summary>
    public abstract void Run(SqliteSession session);

    /// <summary>The database closed before the work ran.</summary>
    public abstract void Fail(Exception exception);
}
