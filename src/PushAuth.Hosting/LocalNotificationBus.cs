using System.Collections.Concurrent;

namespace PushAuth.Hosting;

/// <summary>
/// In-process wake-ups. On SQLite this is the whole bus; on PostgreSQL a LISTEN loop feeds remote
/// notifications into it and writes also NOTIFY other silos in their transaction.
/// </summary>
public class LocalNotificationBus : INotificationBus
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _topics = new(StringComparer.Ordinal);

    public INotificationSubscription Subscribe(string topic)
    {
        var subscription = new Subscription(this, topic);
        while (true)
        {
            var subscribers = _topics.GetOrAdd(topic, static _ => new());
            subscribers.TryAdd(subscription, 0);
            // Remove may have dropped this set between GetOrAdd and TryAdd; make sure ours is the live one.
            if (_topics.TryGetValue(topic, out var live) && ReferenceEquals(live, subscribers))
            {
                return subscription;
            }
        }
    }

    public virtual Task PublishAsync(string topic, CancellationToken cancellationToken = default)
    {
        PublishLocal(topic);
        return Task.CompletedTask;
    }

    /// <summary>Wakes this silo's subscribers of <paramref name="topic"/>.</summary>
    public void PublishLocal(string topic)
    {
        if (_topics.TryGetValue(topic, out var subscribers))
        {
            foreach (var subscriber in subscribers.Keys)
            {
                subscriber.Signal();
            }
        }
    }

    /// <summary>Number of live subscriptions (the waiting long-polls).</summary>
    public int SubscriptionCount => _topics.Values.Sum(s => s.Count);

    private void Remove(Subscription subscription)
    {
        if (_topics.TryGetValue(subscription.Topic, out var subscribers))
        {
            subscribers.TryRemove(subscription, out _);
            if (subscribers.IsEmpty)
            {
                // A racing Subscribe may re-add; it re-creates the set through GetOrAdd.
                _topics.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Subscription, byte>>(subscription.Topic, subscribers));
            }
        }
    }

    private sealed class Subscription(LocalNotificationBus bus, string topic) : INotificationSubscription
    {
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Topic { get; } = topic;

        public void Signal() => Volatile.Read(ref _signal).TrySetResult();

        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            var signal = Volatile.Read(ref _signal);
            try
            {
                await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            return true;
        }

        public void Dispose() => bus.Remove(this);
    }
}
