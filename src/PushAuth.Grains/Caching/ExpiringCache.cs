using System.Collections.Concurrent;

namespace PushAuth.Grains.Caching;

/// <summary>
/// The one per-silo cache: values by string key, each for <c>lifetime</c> (<see cref="Timeout.InfiniteTimeSpan"/>: until
/// forgotten), in bounded memory. A flood of distinct keys starts the cache over rather than growing it, so no caller
/// can buy memory with made-up keys. Used for what changes rarely and may be seconds stale (tenant settings, console
/// admins, a device being active, a verified API key), what never changes (a device's key), and credentials found not
/// to exist (an unknown API key prefix or device id). <paramref name="evicted"/>, when given, sees each value that leaves
/// the cache (expired, replaced, forgotten or cleared), to release what it holds (a device key's imported verifier).
/// </summary>
internal sealed class ExpiringCache<TValue>(TimeProvider time, TimeSpan lifetime, int capacity, Action<TValue>? evicted = null)
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
            if (_entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
            {
                evicted?.Invoke(entry.Value);
            }
        }
        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            Clear();
        }
        var until = lifetime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + lifetime;
        var entry = new Entry(value, until);
        if (evicted is null)
        {
            _entries[key] = entry;
            return;
        }
        while (true)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                if (_entries.TryUpdate(key, entry, old))
                {
                    if (!EqualityComparer<TValue>.Default.Equals(old.Value, value))
                    {
                        evicted(old.Value);
                    }
                    return;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                return;
            }
        }
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

    public void Forget(string key)
    {
        if (_entries.TryRemove(key, out var entry))
        {
            evicted?.Invoke(entry.Value);
        }
    }

    public void Clear()
    {
        if (evicted is null)
        {
            _entries.Clear();
            return;
        }
        foreach (var key in _entries.Keys)
        {
            Forget(key);
        }
    }

    public int Count => _entries.Count;

    private readonly record struct Entry(TValue Value, DateTimeOffset Until);
}
