namespace PushAuth.Persistence.Sqlite.Tests;

/// <summary>Holds the database's writer thread inside a write request until released, so tests can queue
/// requests behind it and know they reach the writer together (no timing involved).</summary>
public sealed class WriterGate : IDisposable
{
    private readonly ManualResetEventSlim _release;

    private WriterGate(Task blocker, ManualResetEventSlim release)
    {
        Blocker = blocker;
        _release = release;
    }

    /// <summary>The blocking request; it completes after <see cref="Release"/> and its batch's commit.</summary>
    public Task Blocker { get; }

    /// <summary>Queues the blocking request and returns once the writer is inside it.</summary>
    public static async Task<WriterGate> CloseAsync(SqliteDatabase database)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var blocker = database.WriteAsync(_ =>
        {
            entered.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return new WriterGate(blocker, release);
    }

    public void Release() => _release.Set();

    public void Dispose() => Release();
}
