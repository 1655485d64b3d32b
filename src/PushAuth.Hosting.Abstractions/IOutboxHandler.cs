using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>Performs the outbox messages of one topic after their state change committed. Must be idempotent.</summary>
public interface IOutboxHandler
{
    /// <summary>The topic handled, e.g. <c>push</c>.</summary>
    string Topic { get; }

    /// <summary>How many messages of this topic may be in flight at once in this silo.</summary>
    int MaxConcurrency { get; }

    /// <summary>Handles one message. Return a retry instead of waiting inside; exceptions count as a retry with backoff.</summary>
    Task<OutboxOutcome> HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken = default);
}
