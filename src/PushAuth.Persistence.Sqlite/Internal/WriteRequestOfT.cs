namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>A <see cref="WriteRequest"/> with a result.</summary>
internal sealed class WriteRequest<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteSession session)
    {
        _error = null;
        try
        {
            _result = work(session);
        }
        catch (Exception ex)
        {
            _error = ex;
            throw;
        }
    }

    public override void Complete()
    {
        if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
