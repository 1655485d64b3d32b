namespace PushAuth.Hosting;

/// <summary>Whether storage is initialized and the silo can serve grain calls (what <c>/readyz</c> reports).</summary>
public sealed class SiloReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>The last reason storage was not reachable, for the readiness report.</summary>
    public string? LastError { get; internal set; }

    public Task WhenReady => _ready.Task;

    internal void MarkReady()
    {
        LastError = null;
        _ready.TrySetResult();
    }
}
