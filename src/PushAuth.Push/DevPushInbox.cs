namespace PushAuth.Push;

/// <summary>
/// The development transport's mailbox: the last <see cref="Capacity"/> delivered messages, readable per device
/// token and awaitable. Thread-safe.
/// </summary>
public sealed class DevPushInbox
{
    private readonly Lock _gate = new();
    private readonly Queue<PushMessage> _messages = new();
    private readonly List<Waiter> _waiters = [];

    /// <summary>Creates an inbox keeping at most <paramref name="capacity"/> messages.</summary>
    public DevPushInbox(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many messages are kept; older ones are dropped.</summary>
    public int Capacity { get; }

    /// <summary>How many messages were ever delivered.</summary>
    public long TotalDelivered { get; private set; }

    /// <summary>Adds a delivered message and wakes the waiters it satisfies.</summary>
    public void Add(PushMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<Waiter>? satisfied = null;
        lock (_gate)
        {
            _messages.Enqueue(message);
            TotalDelivered++;
            while (_messages.Count > Capacity)
            {
                _messages.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                if (waiter.DeviceToken == message.DeviceToken && waiter.Predicate(message))
                {
                    _waiters.RemoveAt(i);
                    (satisfied ??= []).Add(waiter);
                }
            }
        }

        if (satisfied is not null)
        {
            foreach (var waiter in satisfied)
            {
                waiter.Completion.TrySetResult(message);
            }
        }
    }

    /// <summary>The kept messages for one device token, oldest first.</summary>
    public IReadOnlyList<PushMessage> Get(string deviceToken)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.DeviceToken == deviceToken)];
        }
    }

    /// <summary>All kept messages, oldest first.</summary>
    public IReadOnlyList<PushMessage> GetAll()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    /// <summary>
    /// Returns the first kept or future message for <paramref name="deviceToken"/> matching <paramref name="predicate"/>,
    /// or null when none arrives within <paramref name="timeout"/>.
    /// </summary>
    public async Task<PushMessage?> WaitForAsync(string deviceToken, Func<PushMessage, bool>? predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceToken);
        predicate ??= static _ => true;
        var waiter = new Waiter(deviceToken, predicate, new TaskCompletionSource<PushMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            foreach (var message in _messages)
            {
                if (message.DeviceToken == deviceToken && predicate(message))
                {
                    return message;
                }
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed record Waiter(string DeviceToken, Func<PushMessage, bool> Predicate, TaskCompletionSource<PushMessage> Completion);
}
