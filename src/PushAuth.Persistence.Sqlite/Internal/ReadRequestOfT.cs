namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>A <see cref="ReadRequest"/> with a result. Reads have no side effects, so cancelling one completes the
/// caller at once and the reader skips it if it has not started.</summary>
internal sealed class ReadRequest<T> : ReadRequest, IDisposable
{
    private readonly Func<SqliteSession, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public ReadRequest(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static state =>
            {
                var (completion, token) = ((TaskCompletionSource<T>, CancellationToken))state!;
                completion.TrySetCanceled(token);
            }, (_completion, cancellationToken));
        }
    }

    public Task<T> Task => _completion.Task;

    public override void Run(SqliteSession session)
    {
        try
        {
            if (_completion.Task.IsCompleted)
            {
                return;
            }
            _completion.TrySetResult(_work(session));
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
        }
        finally
        {
            Dispose();
        }
    }

    public override void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        Dispose();
    }

    public void Dispose() => _registration.Dispose();
}
