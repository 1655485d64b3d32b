using Microsoft.Extensions.Logging;
using PushAuth.History;

namespace PushAuth.Grains.History;

/// <summary>
/// The single writer of a tenant's history chain. Appends interleave: whatever arrives while a commit is in flight is
/// linked and committed together in the next transaction (group commit). Event ids make appends idempotent: a
/// duplicate fails the store's unique check, and the batch is re-linked without the events already stored.
/// </summary>
public sealed partial class TenantHistoryGrain(IHistoryStore store, ILogger<TenantHistoryGrain> logger) : Grain, ITenantHistoryGrain
{
    private const int MaxBatch = 500;
    private const int MaxConflictRetries = 5;
    private readonly List<(IReadOnlyList<HistoryEvent> Events, TaskCompletionSource Done)> _queue = [];
    private HistoryRecord? _head;
    private bool _headKnown;
    private bool _flushing;

    private string TenantId => this.GetPrimaryKeyString();

    public Task AppendAsync(IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        if (events.Any(e => e.TenantId != TenantId))
        {
            throw new ArgumentException("Every event must belong to this tenant.", nameof(events));
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((events, done));
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return done.Task;
    }

    private async Task FlushAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var batch = TakeBatch();
                try
                {
                    await CommitAsync([.. batch.SelectMany(b => b.Events)]);
                    batch.ForEach(b => b.Done.TrySetResult());
                }
                catch (Exception ex)
                {
                    LogAppendFailed(ex, TenantId);
                    _headKnown = false;
                    batch.ForEach(b => b.Done.TrySetException(ex));
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private List<(IReadOnlyList<HistoryEvent> Events, TaskCompletionSource Done)> TakeBatch()
    {
        var batch = new List<(IReadOnlyList<HistoryEvent>, TaskCompletionSource)>();
        var count = 0;
        while (_queue.Count > 0 && (batch.Count == 0 || count + _queue[0].Events.Count <= MaxBatch))
        {
            count += _queue[0].Events.Count;
            batch.Add(_queue[0]);
            _queue.RemoveAt(0);
        }
        return batch;
    }

    private async Task CommitAsync(IReadOnlyList<HistoryEvent> events)
    {
        // The same event can arrive twice in one batch (a re-send racing the first delivery).
        var fresh = events.DistinctBy(e => e.EventId, StringComparer.Ordinal).ToList();
        for (var attempt = 0; ; attempt++)
        {
            if (!_headKnown)
            {
                _head = await store.GetHeadAsync(TenantId);
                _headKnown = true;
            }
            var records = HistoryChain.Link(_head, fresh);
            try
            {
                await store.AppendAsync(TenantId, records);
                _head = records[^1];
                return;
            }
            catch (HistoryConflictException) when (attempt < MaxConflictRetries)
            {
                // Another writer (an activation elsewhere during a membership change) or an event stored before.
                _headKnown = false;
                var existing = await store.FindExistingAsync(TenantId, [.. fresh.Select(e => e.EventId)]);
                fresh = [.. fresh.Where(e => !existing.Contains(e.EventId))];
                if (fresh.Count == 0)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Appending to the history of tenant {TenantId} failed; the producers will retry")]
    private partial void LogAppendFailed(Exception exception, string tenantId);
}
