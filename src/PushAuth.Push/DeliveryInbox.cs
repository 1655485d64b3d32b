namespace PushAuth.Push;

/// <summary>
/// Delivered pushes kept for reading: the last <see cref="Capacity"/> items, readable per device token and awaitable.
/// Thread-safe. The development transport's inbox and the FCM/APNs fakes' inboxes are both this.
/// </summary>
/// <typeparam name="T">The delivery record.</typeparam>
public class DeliveryInbox<T>
    where T : class
{
    private readonly Func<T, string?> _deviceTokenOf;
    private readonly Lock _gate = new();
    private readonly Queue<T> _items = new();
    private readonly List<Waiter> _waiters = [];
    private long _total;

    /// <summary>Creates an inbox keyed by <paramref name="deviceTokenOf"/>.</summary>
    public DeliveryInbox(Func<T, string?> deviceTokenOf, int capacity = 10_000)
    {
        ArgumentNullException.ThrowIfNull(deviceTokenOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _deviceTokenOf = deviceTokenOf;
        Capacity = capacity;
    }

    /// <summary>How many items are kept.</summary>
    public int Capacity { get; }

    /// <summary>How many items were ever added.</summary>
    public long TotalCount => Interlocked.Read(ref _total);

    /// <summary>Adds an item and wakes the waiters it satisfies.</summary>
    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var token = _deviceTokenOf(item);
        List<Waiter>? woken = null;
        lock (_gate)
        {
            _items.Enqueue(item);
            _total++;
            if (_items.Count > Capacity)
            {
                _items.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].DeviceToken == token && _waiters[i].Predicate(item))
                {
                    (woken ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        woken?.ForEach(w => w.Completion.TrySetResult(item));
    }

    /// <summary>The kept items for one device token, oldest first.</summary>
    public IReadOnlyList<T> Get(string deviceToken)
    {
        lock (_gate)
        {
            return [.. _items.Where(i => _deviceTokenOf(i) == deviceToken)];
        }
    }

    /// <summary>All kept items, oldest first.</summary>
    public IReadOnlyList<T> GetAll()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    /// <summary>Forgets every kept item.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    /// <summary>The first kept or future item for the token that matches, or null after <paramref name="timeout"/>.</summary>
    public async Task<T?> WaitForAsync(string deviceToken, Func<T, bool>? predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        predicate ??= static _ => true;
        var waiter = new Waiter(deviceToken, predicate, new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            foreach (var item in _items)
            {
                if (_deviceTokenOf(item) == deviceToken && predicate(item))
                {
                    return item;
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

    private sealed record Waiter(string DeviceToken, Func<T, bool> Predicate, TaskCompletionSource<T> Completion);
}
