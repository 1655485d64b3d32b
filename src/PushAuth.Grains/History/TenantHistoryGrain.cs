using System.Globalization;
using Microsoft.Extensions.Logging;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Tenants;
using PushAuth.History;

namespace PushAuth.Grains.History;

/// <summary>
/// The single writer of a tenant's history chain. Appends interleave: whatever arrives while a commit is in flight is
/// linked and committed together in the next transaction (group commit). Event ids make appends idempotent: a
/// duplicate fails the store's unique check, and the batch is re-linked without the events already stored.
/// Retention is a reminder of this grain (registered with the first append of an activation), so it runs on some silo
/// every hour whether or not the tenant is active.
/// </summary>
public sealed partial class TenantHistoryGrain(IHistoryStore store, TenantSettingsCache tenants, TimeProvider time, ILogger<TenantHistoryGrain> logger)
    : Grain, ITenantHistoryGrain, IRemindable
{
    private const string RetentionReminder = "retention";
    private static readonly TimeSpan RetentionPeriod = TimeSpan.FromHours(1);
    private bool _retentionScheduled;
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
        if (!_retentionScheduled)
        {
            _retentionScheduled = true;
            _ = ScheduleRetentionAsync();
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

    public async Task<long> EnforceRetentionAsync(CancellationToken cancellationToken = default)
    {
        var settings = await tenants.GetAsync(TenantId, cancellationToken);
        var days = (settings?.RecoveryOrDefault() ?? RecoverySettings.Default).HistoryRetentionDays;
        var now = time.GetUtcNow();
        var deleted = await store.DeleteOlderThanAsync(TenantId, now.AddDays(-days), cancellationToken);
        if (deleted > 0)
        {
            LogRetention(TenantId, deleted, days);
            await AppendAsync([new HistoryEvent(EffectIds.New(), now, TenantId, null, "system", "history.retention-applied", null, "deleted",
                Remarks: $"deleted={deleted.ToString(CultureInfo.InvariantCulture)}; olderThanDays={days.ToString(CultureInfo.InvariantCulture)}")], cancellationToken);
        }
        return deleted;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => EnforceRetentionAsync(CancellationToken.None);

    private async Task ScheduleRetentionAsync()
    {
        try
        {
            if (await this.GetReminder(RetentionReminder) is null)
            {
                await this.RegisterOrUpdateReminder(RetentionReminder, RetentionPeriod, RetentionPeriod);
            }
        }
        catch (Exception ex)
        {
            _retentionScheduled = false;
            LogRetentionScheduleFailed(ex, TenantId);
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Retention deleted {Count} history entries of tenant {TenantId} older than {Days} days")]
    private partial void LogRetention(string tenantId, long count, int days);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The retention reminder of tenant {TenantId} could not be registered; the next append retries")]
    private partial void LogRetentionScheduleFailed(Exception exception, string tenantId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Appending to the history of tenant {TenantId} failed; the producers will retry")]
    private partial void LogAppendFailed(Exception exception, string tenantId);
}
