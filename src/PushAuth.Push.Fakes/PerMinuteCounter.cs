namespace PushAuth.Push.Fakes;

/// <summary>Counts events in the current minute (windows start at the first event, like FCM's quota minutes) and in total.</summary>
public sealed class PerMinuteCounter(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private long _inWindow;
    private long _total;

    /// <summary>Events in the current one-minute window.</summary>
    public long CurrentMinute
    {
        get
        {
            lock (_gate)
            {
                return timeProvider.GetUtcNow() - _windowStart >= TimeSpan.FromMinutes(1) ? 0 : _inWindow;
            }
        }
    }

    /// <summary>Events ever counted.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one event and returns the count in the current window.</summary>
    public long Increment()
    {
        var now = timeProvider.GetUtcNow();
        Interlocked.Increment(ref _total);
        lock (_gate)
        {
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _inWindow = 0;
            }

            return ++_inWindow;
        }
    }
}
