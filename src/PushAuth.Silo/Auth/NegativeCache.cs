using System.Collections.Concurrent;

namespace PushAuth.Silo.Auth;

/// <summary>Remembers, briefly and in bounded memory, credentials found not to exist (an unknown API key prefix, an
/// unknown device id), so that the same unknown one sent again costs no grain call or storage read.</summary>
public sealed class NegativeCache(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public bool IsKnownMissing(string key)
    {
        if (!_until.TryGetValue(key, out var until))
        {
            return false;
        }
        if (until > time.GetUtcNow())
        {
            return true;
        }
        _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
        return false;
    }

    public void Missing(string key)
    {
        // Bounded: a flood of distinct unknown keys starts the cache over rather than growing it.
        if (_until.Count >= capacity)
        {
            _until.Clear();
        }
        _until[key] = time.GetUtcNow() + lifetime;
    }

    public void Forget(string key) => _until.TryRemove(key, out _);

    public void Clear() => _until.Clear();

    public int Count => _until.Count;
}
