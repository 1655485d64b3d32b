namespace PushAuth.Hosting;

/// <summary>
/// Wakes waiters when something they wait on may have changed (Orleans observers/streams, reduced to wake-ups).
/// Stored state stays the truth: subscribe first, then read state, then wait. A lost wake-up costs latency only.
/// </summary>
public interface INotificationBus
{
    /// <summary>Subscribes to <paramref name="topic"/>. Dispose to unsubscribe.</summary>
    INotificationSubscription Subscribe(string topic);

    /// <summary>Publishes a wake-up now (to this silo and, where the provider supports it, to every silo).</summary>
    Task PublishAsync(string topic, CancellationToken cancellationToken = default);
}

/// <summary>A subscription to one topic.</summary>
public interface INotificationSubscription : IDisposable
{
    /// <summary>Completes with true when a notification arrived since the subscription started
    /// (or since the last successful wait), false when <paramref name="timeout"/> passed first.</summary>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
