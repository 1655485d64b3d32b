using System.Collections.Concurrent;

namespace PushAuth.Grains.Caching;

/// <summary>
/// The one per-silo cache: values by string key, each for <c>lifetime</c> (<see cref="Timeout.InfiniteTimeSpan"/>: until
/// forgotten), in bounded memory. A flood of distinct keys starts the cache over rather than growing it, so no caller
/// can buy memory with made-up keys. Used for what changes rarely and may be seconds stale (tenant settings, console
/// admins, a device being active, a verified API key), what never changes (a device's key), and credentials found not
/// to exist (an unknown API key prefix or device id).
/// </summary>
internal sealed class ExpiringCache<TValue>(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The live value of <paramref name="key"/>; an expired entry is dropped.</summary>
    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Until > time.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        var until = lifetime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + lifetime;
        _entries[key] = new Entry(value, until);
    }

    /// <summary>The cached value, or the loaded one (cached for its lifetime).</summary>
    public async Task<TValue> GetOrLoadAsync(string key, Func<string, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        if (TryGet(key, out var cached))
        {
            return cached;
        }
        var value = await load(key, cancellationToken).ConfigureAwait(false);
        Set(key, value);
        return value;
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();

    public int Count => _entries.Count;

    private readonly record struct Entry(TValue Value, DateTimeOffset Until);
}
