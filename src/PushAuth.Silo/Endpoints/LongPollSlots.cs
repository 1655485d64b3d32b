using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Endpoints;

/// <summary>Concurrent long-polls per API key on this silo, at most <see cref="SiloOptions.MaxLongPollsPerKey"/>: one
/// client holding thousands of waits would otherwise hold as many requests and grain waiters.</summary>
public sealed class LongPollSlots(IOptions<SiloOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _inUse = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for <paramref name="key"/>, or throws 429 <c>long-poll.too-many</c> with Retry-After.</summary>
    public IDisposable Enter(string key)
    {
        return TryEnter(key) ?? throw ProblemCodes.Challenges.LongPollTooMany.Error(
            $"At most {options.Value.MaxLongPollsPerKey} long-polls may wait at once per API key; retry, or poll without 'wait'.", TimeSpan.FromSeconds(1));
    }

    /// <summary>Takes a slot for <paramref name="key"/>, or null when all are taken.</summary>
    public IDisposable? TryEnter(string key)
    {
        var now = _inUse.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (now > options.Value.MaxLongPollsPerKey)
        {
            Leave(key);
            return null;
        }
        return new Slot(this, key);
    }

    /// <summary>Waits in use for <paramref name="key"/> (for tests and diagnostics).</summary>
    public int InUse(string key) => _inUse.GetValueOrDefault(key);

    private void Leave(string key)
    {
        // Remove the entry at zero so keys that stopped polling do not stay in memory.
        if (_inUse.AddOrUpdate(key, 0, (_, n) => n - 1) <= 0)
        {
            _inUse.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    private sealed class Slot(LongPollSlots owner, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(key);
            }
        }
    }
}
