using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Grains.Audit;

/// <summary>
/// Bounds what refused and probing attempts cost the history: the first <c>individually</c> attempts of a kind in a
/// window are recorded one by one (the caller appends them), every further one is only counted here, in memory, and
/// reported as one aggregated event per kind and window (<see cref="AttemptLedgerReporter"/>). A kind is tenant, user
/// (or none), activity and status. An admin still sees a brute force (one event per minute with the count), and a probe
/// never buys a write. Per silo; a silo that dies loses at most one window of counts.
/// </summary>
internal sealed class AttemptLedger(IOptions<AuditAggregationOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    /// <summary>Counts one attempt. True when the caller should record it individually (within the first
    /// <paramref name="individually"/> of this window); false when it is counted for the aggregate only.</summary>
    public bool Admit(string tenantId, string? userId, string activity, string? method, string status, RequestOrigin origin, int individually = 0)
    {
        var now = time.GetUtcNow();
        var window = WindowOf(now);
        var key = new Key(tenantId, userId, activity, method, status);
        if (!_entries.ContainsKey(key) && _entries.Count >= options.Value.MaxKeys)
        {
            // Too many distinct kinds (random user ids): count per tenant instead, so memory stays bounded.
            key = key with { UserId = "*" };
        }
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry(window));
            lock (entry)
            {
                if (!entry.Removed)
                {
                    return Admit(entry, window, now, origin, individually);
                }
            }
        }
    }

    private static bool Admit(Entry entry, long window, DateTimeOffset now, RequestOrigin origin, int individually)
    {
        if (entry.Window != window)
        {
            // A window that ended with no reporter pass yet: keep its aggregate for the reporter, start afresh.
            entry.Carry();
            entry.Reset(window);
        }
        entry.Seen++;
        if (entry.Seen <= individually)
        {
            return true;
        }
        entry.Count(now, origin);
        return false;
    }

    /// <summary>The aggregated events of windows that have ended (all of them when <paramref name="all"/>), removed from the ledger.</summary>
    public IReadOnlyList<HistoryEvent> TakeEnded(bool all = false)
    {
        var now = time.GetUtcNow();
        var current = WindowOf(now);
        var events = new List<HistoryEvent>();
        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.Window != current || all)
                {
                    entry.Carry();
                }
                events.AddRange(entry.Drain().Select(a => Event(key, a)));
                if (entry.Window != current && entry.Seen == 0)
                {
                    entry.Removed = true;
                    _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
                }
                else if (entry.Window != current)
                {
                    entry.Reset(current);
                }
            }
        }
        return events;
    }

    private long WindowOf(DateTimeOffset now) => now.UtcTicks / Math.Max(1, options.Value.AggregationWindow.Ticks);

    private static HistoryEvent Event(Key key, Aggregate a) => HistoryEvents.Of(
        a.Last, key.TenantId, key.UserId == "*" ? null : key.UserId, "system", key.Activity, key.Method, key.Status, new RequestOrigin(a.SourceIp, a.UserAgent, a.TraceId),
        policy: "aggregated",
        remarks: string.Create(CultureInfo.InvariantCulture,
            $"aggregated={a.Attempts}; first={a.First:O}; last={a.Last:O}; sources={a.Sources.Count}{(a.Sources.Count >= Aggregate.MaxSources ? "+" : "")}{(key.UserId == "*" ? "; users=many" : "")}"));

    private readonly record struct Key(string TenantId, string? UserId, string Activity, string? Method, string Status);

    private sealed class Aggregate
    {
        public const int MaxSources = 100;

        public int Attempts { get; set; }

        public DateTimeOffset First { get; set; }

        public DateTimeOffset Last { get; set; }

        public string? SourceIp { get; set; }

        public string? UserAgent { get; set; }

        public string? TraceId { get; set; }

        public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Entry(long window)
    {
        private readonly List<Aggregate> _ended = [];
        private Aggregate? _open;

        public long Window { get; private set; } = window;

        public int Seen { get; set; }

        /// <summary>Taken out of the dictionary: an attempt that found it looks again.</summary>
        public bool Removed { get; set; }

        public void Count(DateTimeOffset now, RequestOrigin origin)
        {
            var a = _open ??= new Aggregate { First = now };
            a.Attempts++;
            a.Last = now;
            a.SourceIp = origin.SourceIp;
            a.UserAgent = origin.UserAgent;
            a.TraceId = origin.TraceId;
            if (origin.SourceIp is { } ip && a.Sources.Count < Aggregate.MaxSources)
            {
                a.Sources.Add(ip);
            }
        }

        public void Carry()
        {
            if (_open is not null)
            {
                _ended.Add(_open);
                _open = null;
            }
        }

        public void Reset(long window)
        {
            Window = window;
            Seen = 0;
        }

        public List<Aggregate> Drain()
        {
            var drained = _ended.ToList();
            _ended.Clear();
            return drained;
        }
    }
}
