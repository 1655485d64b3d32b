using System.Runtime.CompilerServices;

namespace PushAuth.History;

/// <summary>A history store in memory, for unit tests of history consumers; nothing survives the process.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<HistoryRecord>> _chains = new(StringComparer.Ordinal);

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<HistoryRecord?> GetHeadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_chains.TryGetValue(tenantId, out var chain) && chain.Count > 0 ? chain[^1] : null);
        }
    }

    public Task<IReadOnlySet<string>> FindExistingAsync(string tenantId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var chain = _chains.GetValueOrDefault(tenantId) ?? [];
            IReadOnlySet<string> found = chain.Select(r => r.Event.EventId).Where(eventIds.Contains).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    public Task AppendAsync(string tenantId, IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_chains.TryGetValue(tenantId, out var chain))
            {
                _chains[tenantId] = chain = [];
            }
            var next = chain.Count > 0 ? chain[^1].Sequence + 1 : 1;
            var ids = chain.Select(r => r.Event.EventId).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Sequence != next + i || !ids.Add(records[i].Event.EventId))
                {
                    throw new HistoryConflictException(tenantId);
                }
            }
            chain.AddRange(records);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryRecord>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryRecord> page = [.. (_chains.GetValueOrDefault(query.TenantId) ?? [])
                .Where(r => (query.UserId is null || r.Event.UserId == query.UserId)
                    && (query.Method is null || r.Event.Method == query.Method)
                    && (query.Status is null || r.Event.Status == query.Status)
                    && (query.Activity is null || r.Event.Activity == query.Activity)
                    && (query.From is null || r.Event.At >= query.From)
                    && (query.To is null || r.Event.At < query.To)
                    && (query.BeforeSequence is null || r.Sequence < query.BeforeSequence))
                .OrderByDescending(r => r.Sequence)
                .Take(query.Limit)];
            return Task.FromResult(page);
        }
    }

    public async IAsyncEnumerable<HistoryRecord> ReadChainAsync(string tenantId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<HistoryRecord> copy;
        lock (_gate)
        {
            copy = [.. (_chains.GetValueOrDefault(tenantId) ?? []).Where(r => r.Sequence >= fromSequence)];
        }
        foreach (var record in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
        await Task.CompletedTask;
    }

    public Task<HistoryRecord?> FindRetentionCutAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var chain = _chains.GetValueOrDefault(tenantId) ?? [];
            var prefix = chain.TakeWhile(r => r.Event.At < before).Take(Math.Max(0, chain.Count - 1)).ToList();
            return Task.FromResult(prefix.Count > 0 ? prefix[^1] : null);
        }
    }

    public Task<long> DeleteThroughAsync(string tenantId, long throughSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_chains.TryGetValue(tenantId, out var chain) || chain.Count == 0)
            {
                return Task.FromResult(0L);
            }
            var head = chain[^1].Sequence;
            return Task.FromResult<long>(chain.RemoveAll(r => r.Sequence <= throughSequence && r.Sequence < head));
        }
    }
}
