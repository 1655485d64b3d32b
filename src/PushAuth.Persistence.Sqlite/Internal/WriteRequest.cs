namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>
/// A unit of work for the writer thread. The writer runs it inside the batch transaction under its own savepoint,
/// and completes it only after the batch committed: a caller never sees success for a write that is not durable,
/// and a request that fails (its ETag check, a constraint) is rolled back to its savepoint alone.
/// </summary>
internal abstract class WriteRequest
{
    protected WriteRequest(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }

    /// <summary>Runs the work; an exception is this request's own failure.</summary>
    public abstract void Execute(SqliteSession session);

    /// <summary>After the commit: hands the caller what <see cref="Execute"/> produced (result or its exception).</summary>
    public abstract void Complete();

    /// <summary>The batch could not commit (or the work never ran): the caller gets <paramref name="exception"/>.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Cancelled before the writer started it: nothing was written.</summary>
    public abstract void Cancel();
}
