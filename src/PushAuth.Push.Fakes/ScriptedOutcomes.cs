using System.Collections.Concurrent;

namespace PushAuth.Push.Fakes;

/// <summary>Per-device-token scripted responses: the next <c>times</c> sends to the token get the outcome.</summary>
/// <typeparam name="T">The outcome type.</typeparam>
public sealed class ScriptedOutcomes<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Scripts <paramref name="outcome"/> for the next <paramref name="times"/> sends to <paramref name="deviceToken"/> (forever by default).</summary>
    public void Set(string deviceToken, T outcome, int times = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        _entries[deviceToken] = new Entry(outcome, times);
    }

    /// <summary>Removes every script.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Removes the script of one token.</summary>
    public void Remove(string deviceToken) => _entries.TryRemove(deviceToken, out _);

    /// <summary>Takes one use of the token's script, if any.</summary>
    public T? Take(string? deviceToken)
    {
        if (deviceToken is null || _entries.IsEmpty || !_entries.TryGetValue(deviceToken, out var entry))
        {
            return null;
        }

        if (entry.Remaining == int.MaxValue)
        {
            return entry.Outcome;
        }

        var left = Interlocked.Decrement(ref entry.Remaining);
        if (left <= 0)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(deviceToken, entry));
        }

        return left >= 0 ? entry.Outcome : null;
    }

    private sealed class Entry(T outcome, int remaining)
    {
        public T Outcome { get; } = outcome;

        // A field, because Interlocked needs one.
        public int Remaining = remaining;
    }
}
