using System.Collections.Concurrent;

namespace PushAuth.Grains.Limits;

/// <summary>Counts events per key in fixed one-minute windows, per silo; a key at <see cref="Limit"/> waits for the next window.</summary>
internal abstract class MinuteWindowLimiter(TimeProvider time)
{
    private const int MaxKeys = 100_000;
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _counts = new(StringComparer.Ordinal);

    /// <summary>Events per key per minute.</summary>
    protected abstract int Limit { get; }

    /// <summary>Time to wait when any of <paramref name="keys"/> is at the limit, else null.</summary>
    public TimeSpan? RetryAfter(params string[] keys)
    {
        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        foreach (var key in keys)
        {
            if (_counts.TryGetValue(key, out var entry) && entry.Window == window && entry.Count >= Limit)
            {
                return TimeSpan.FromSeconds(60 - (now.ToUnixTimeSeconds() % 60));
            }
        }
        return null;
    }

    /// <summary>Counts one event for each of <paramref name="keys"/>.</summary>
    public void Failed(params string[] keys)
    {
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (_counts.Count > MaxKeys)
        {
            _counts.Clear();
        }
        foreach (var key in keys)
        {
            _counts.AddOrUpdate(key, (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1));
        }
    }

    /// <summary>Where <paramref name="key"/> stands in the current window, as the RateLimit headers tell it under <paramref name="policy"/>.</summary>
    public RateLimitStatus Status(string policy, string key)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var used = _counts.TryGetValue(key, out var entry) && entry.Window == now / 60 ? entry.Count : 0;
        return new RateLimitStatus(policy, Limit, TimeSpan.FromMinutes(1), Math.Max(0, Limit - used), TimeSpan.FromSeconds(60 - (now % 60)));
    }
}
