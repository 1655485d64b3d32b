using System.Collections.Concurrent;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>
/// Limits claims of unknown pairing phrases per tenant and per source address (a fixed one-minute window, per silo):
/// with 44-bit phrases, 10 minutes of life and this limit, guessing is hopeless.
/// </summary>
public sealed class ClaimRateLimiter(TimeProvider time)
{
    public const int FailuresPerMinute = 10;
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _failures = new(StringComparer.Ordinal);

    /// <summary>Time to wait when <paramref name="keys"/> are over the limit, else null.</summary>
    public TimeSpan? RetryAfter(params string[] keys)
    {
        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        foreach (var key in keys)
        {
            if (_failures.TryGetValue(key, out var entry) && entry.Window == window && entry.Count >= FailuresPerMinute)
            {
                return TimeSpan.FromSeconds(60 - (now.ToUnixTimeSeconds() % 60));
            }
        }
        return null;
    }

    public void Failed(params string[] keys)
    {
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (_failures.Count > 100_000)
        {
            _failures.Clear();
        }
        foreach (var key in keys)
        {
            _failures.AddOrUpdate(key, (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1));
        }
    }
}
