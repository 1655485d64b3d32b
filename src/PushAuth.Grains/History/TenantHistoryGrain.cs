using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Events;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.History;

/// <summary>
/// The single writer of a tenant's history chain. Appends interleave: whatever arrives while a commit is in flight is
/// linked and committed together in the next transaction (group commit). Event ids make appends idempotent: a
/// duplicate fails the store's unique check, and the batch is re-linked without the events already stored.
/// Retention is a reminder of this grain (registered with the first append of an activation), so it runs on some silo
/// every hour whether or not the tenant is active; it records each cut in the chain before deleting. While active, the
/// head is checkpointed outside the database every <see cref="HistoryOptions.CheckpointInterval"/> and at deactivation.
/// </summary>
internal partial class TenantHistoryGrain(IHistoryStore store, TenantSettingsCache tenants, HistoryKeyMaterial keys, HistoryCheckpointStore checkpoints,
    IOptions<HistoryOptions> options, TimeProvider time, ILogger<TenantHistoryGrain> logger)
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
    private long _checkpointed;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (checkpoints.Enabled)
        {
            var every = options.Value.CheckpointInterval;
            this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(every, every) { Interleave = false });
        }
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Writes the head as a signed checkpoint when it moved since the last one, unless the chain no longer holds
    /// the entry the existing checkpoint names: that is a rollback, and the checkpoint that shows it is kept.</summary>
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!checkpoints.Enabled || !_headKnown || _head is not { } head || head.Sequence == _checkpointed)
        {
            return;
        }
        try
        {
            if (await checkpoints.ReadAsync(TenantId, cancellationToken) is { } existing && existing.Sequence <= head.Sequence)
            {
                await foreach (var record in store.ReadChainAsync(TenantId, existing.Sequence, cancellationToken))
                {
                    // A record past the checkpoint's sequence means retention cut that entry: nothing to compare.
                    if (record.Sequence == existing.Sequence && !record.Hash.AsSpan().SequenceEqual(existing.Hash))
                    {
                        LogRolledBack(TenantId, existing.Sequence, head.Sequence);
                        return;
                    }
                    break;
                }
            }
            if (await checkpoints.WriteAsync(HistoryCheckpoint.Of(head, time.GetUtcNow(), await keys.GetAsync(cancellationToken)), cancellationToken))
            {
                _checkpointed = head.Sequence;
            }
            else
            {
                LogRolledBack(TenantId, -1, head.Sequence);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            LogCheckpointFailed(ex, TenantId);
        }
    }

    public async Task AppendAsync(IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken = default)
    {
        await AppendToChainAsync(events);
        // Published on every call, a duplicate append included: the events grain ignores ids it has seen, and a publish
        // that failed fails this call, so the owing grain's retry of the append publishes again (at least once).
        if (!TenantId.StartsWith('_') && TenantEventMapper.From(events) is { Count: > 0 } published)
        {
            await GrainFactory.GetGrain<ITenantEventsGrain>(TenantId).PublishAsync(published, cancellationToken);
        }
    }

    private Task AppendToChainAsync(IReadOnlyList<HistoryEvent> events)
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
            var records = HistoryChain.Link(_head, fresh, await keys.GetAsync(CancellationToken.None));
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
        // The operator's floor wins over a tenant's shorter setting (stored before the floor was raised, say).
        var days = Math.Max((settings?.RecoveryOrDefault() ?? RecoverySettings.Default).HistoryRetentionDays, options.Value.MinRetentionDays);
        var now = time.GetUtcNow();
        if (await store.FindRetentionCutAsync(TenantId, now.AddDays(-days), cancellationToken) is not { } cut)
        {
            return 0;
        }
        // The cut goes into the chain first: a crash before the delete leaves a cut not yet applied, which is harmless;
        // the other order could leave a removal nobody recorded.
        var recorded = new RetentionCut(cut.Sequence, cut.Hash);
        await AppendAsync([HistoryEvents.Of(now, TenantId, null, "system", RetentionCut.Activity, null, "cut", RequestOrigin.None,
            remarks: recorded.Remarks($"olderThanDays={days.ToString(CultureInfo.InvariantCulture)}"))], cancellationToken);
        var deleted = await store.DeleteThroughAsync(TenantId, cut.Sequence, cancellationToken);
        LogRetention(TenantId, deleted, days);
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

    [LoggerMessage(EventId = LogEvents.HistoryRetention, Level = LogLevel.Information, Message = "Retention deleted {Count} history entries of tenant {TenantId} older than {Days} days")]
    private partial void LogRetention(string tenantId, long count, int days);

    [LoggerMessage(EventId = LogEvents.HistoryRetentionScheduleFailed, Level = LogLevel.Warning, Message = "The retention reminder of tenant {TenantId} could not be registered; the next append retries")]
    private partial void LogRetentionScheduleFailed(Exception exception, string tenantId);

    [LoggerMessage(EventId = LogEvents.HistoryRolledBack, Level = LogLevel.Critical, Message = "The history of tenant {TenantId} no longer holds the entry its checkpoint names (sequence {CheckpointSequence}; head {HeadSequence}): the database was rolled back or rewritten. The checkpoint is kept; run verify-history")]
    private partial void LogRolledBack(string tenantId, long checkpointSequence, long headSequence);

    [LoggerMessage(EventId = LogEvents.HistoryCheckpointFailed, Level = LogLevel.Error, Message = "The history checkpoint of tenant {TenantId} could not be written; the next interval retries")]
    private partial void LogCheckpointFailed(Exception exception, string tenantId);

    [LoggerMessage(EventId = LogEvents.HistoryAppendFailed, Level = LogLevel.Warning, Message = "Appending to the history of tenant {TenantId} failed; the producers will retry")]
    private partial void LogAppendFailed(Exception exception, string tenantId);
}
