using System.Diagnostics;
using PushAuth.Diagnostics;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: one per activation, ETag = stored version.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, IGrainStorage storage, GrainWriteContext writeContext)
    : IPersistentState<TState>, IStateRefresh where TState : class, new()
{
    private static readonly int SchemaVersion = GrainStateSerializer.SchemaVersionOf(typeof(TState));
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<ReminderChange> _reminders = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly List<string> _notifications = [];
    private bool _loaded;

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        ClearStaged();
        var stored = await ReadAsync(null, cancellationToken).ConfigureAwait(false);
        Apply(stored);
    }

    /// <summary>Loads on first use; on shared storage re-validates the version every turn (cheap when unchanged).</summary>
    public async Task RefreshAsync(bool force, bool skipIfLoaded, CancellationToken cancellationToken)
    {
        ClearStaged();
        if (_loaded && !force && (!storage.IsShared || skipIfLoaded))
        {
            return;
        }
        var stored = await ReadAsync(_loaded ? Version : null, cancellationToken).ConfigureAwait(false);
        if (stored is { Unchanged: true })
        {
            return;
        }
        Apply(stored);
    }

    public void Invalidate() => _loaded = false;

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(GrainStateSerializer.Serialize(State, typeof(TState)), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(null, cancellationToken).ConfigureAwait(false);
        State = new TState();
    }

    public void StageOutbox(OutboxMessage message) => _outbox.Add(message);

    public void StageReminder(string name, DateTimeOffset dueAt) => _reminders.Add(new ReminderChange(name, dueAt));

    public void StageReminderRemoval(string name) => _reminders.Add(new ReminderChange(name, null));

    public void StageAudit(AuditEntry entry) => _audit.Add(entry);

    public void StageNotification(string topic) => _notifications.Add(topic);

    private async Task WriteAsync(string? payload, CancellationToken cancellationToken)
    {
        var batch = writeContext.CreateBatch(grainId, Version, payload, SchemaVersion, [.. _outbox], [.. _reminders], [.. _audit], [.. _notifications]);
        var operation = payload is null ? PushAuthDiagnostics.StorageOperations.Clear : PushAuthDiagnostics.StorageOperations.Write;
        using var activity = StartStorageActivity(operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            Version = await storage.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            _loaded = false;
            activity?.SetStatus(ActivityStatusCode.Error, "etag conflict");
            throw;
        }
        finally
        {
            PushAuthDiagnostics.RecordStorageOperation(operation, storage.ProviderName, Stopwatch.GetElapsedTime(started));
        }
        RecordExists = payload is not null;
        ClearStaged();
        writeContext.AfterCommit(batch);
    }

    private async Task<StoredGrainState?> ReadAsync(long? knownVersion, CancellationToken cancellationToken)
    {
        using var activity = StartStorageActivity(PushAuthDiagnostics.StorageOperations.Read);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await storage.ReadAsync(grainId, knownVersion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            PushAuthDiagnostics.RecordStorageOperation(PushAuthDiagnostics.StorageOperations.Read, storage.ProviderName, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>A child span per storage call, tagged with the grain type only: keys can carry user ids and codes.</summary>
    private Activity? StartStorageActivity(string operation)
    {
        var activity = PushAuthDiagnostics.Storage.StartActivity("storage." + operation, ActivityKind.Client);
        activity?.SetTag("pushauth.grain.type", grainId.Type);
        activity?.SetTag("db.system.name", storage.ProviderName);
        return activity;
    }

    private void Apply(StoredGrainState? stored)
    {
        _loaded = true;
        Version = stored?.Version ?? 0;
        RecordExists = stored?.Payload is not null;
        State = stored?.Payload is { } payload
            ? (TState)GrainStateSerializer.Deserialize(grainId, typeof(TState), payload, stored.SchemaVersion)
            : new TState();
    }

    private void ClearStaged()
    {
        _outbox.Clear();
        _reminders.Clear();
        _audit.Clear();
        _notifications.Clear();
    }
}

/// <summary>Lets the runtime refresh an activation's state at the start of a turn without knowing its type.</summary>
internal interface IStateRefresh
{
    Task RefreshAsync(bool force, bool skipIfLoaded, CancellationToken cancellationToken);

    /// <summary>Forces a reload before the next turn (after a turn failed and may have left the state half-changed).</summary>
    void Invalidate();
}
