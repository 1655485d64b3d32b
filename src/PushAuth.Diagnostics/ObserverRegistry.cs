namespace PushAuth.Diagnostics;

/// <summary>Thread-safe set of callbacks that supply values to an observable instrument.</summary>
internal sealed class ObserverRegistry<T>
{
    private readonly Lock _gate = new();
    private Func<T>[] _observers = [];

    public IDisposable Add(Func<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Registration(this, observer);
    }

    /// <summary>Current observers; a snapshot, so callbacks run without holding the lock.</summary>
    public IReadOnlyList<Func<T>> Snapshot() => Volatile.Read(ref _observers);

    private void Remove(Func<T> observer)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_observers, observer);
            if (index >= 0)
            {
                _observers = [.. _observers[..index], .. _observers[(index + 1)..]];
            }
        }
    }

    private sealed class Registration(ObserverRegistry<T> owner, Func<T> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(observer);
            }
        }
    }
}
