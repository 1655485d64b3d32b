using System.Collections.Concurrent;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting.Tests.TestGrains;

/// <summary>Records every handled "test" outbox message; shared across silos of a test.</summary>
public sealed class RecordingOutboxHandler : IOutboxHandler
{
    public string Topic => "test";

    public int MaxConcurrency => 8;

    public ConcurrentQueue<OutboxEnvelope> Handled { get; } = new();

    /// <summary>When set, each call waits on this before returning (to kill a silo mid-handling).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<OutboxOutcome> HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        Handled.Enqueue(envelope);
        return OutboxOutcome.Done;
    }
}
