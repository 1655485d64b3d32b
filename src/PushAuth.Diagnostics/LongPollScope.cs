namespace PushAuth.Diagnostics;

/// <summary>
/// Counts one waiting long-poll on <c>pushauth.longpoll.waiting</c> until disposed.
/// Dispose is idempotent so a double dispose cannot drive the counter negative.
/// </summary>
public sealed class LongPollScope : IDisposable
{
    private int _disposed;

    internal LongPollScope()
    {
    }

    /// <summary>Stops counting this request as waiting.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            PushAuthDiagnostics.LongPollWaiting.Add(-1);
        }
    }
}
