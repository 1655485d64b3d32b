namespace PushAuth.Hosting;

/// <summary>
/// A grain's persisted state with an ETag, shaped like Orleans' <c>IPersistentState&lt;T&gt;</c>.
/// Every write is a compare-and-set on <see cref="Version"/>; a lost race throws
/// <see cref="InconsistentStateException"/>, and the runtime drops the activation and re-runs the turn on fresh state.
/// Effects staged with the <c>Stage…</c> methods are written in the same transaction as the next
/// <see cref="WriteStateAsync"/> or <see cref="ClearStateAsync"/> (a transactional outbox).
/// </summary>
public interface IPersistentState<TState> where TState : class
{
    /// <summary>The current state; a fresh default instance when no record exists.</summary>
    TState State { get; set; }

    /// <summary>The stored version (the ETag); 0 when nothing was ever written.</summary>
    long Version { get; }

    /// <summary>True when a state row exists (written and not cleared).</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, discarding staged effects.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> and the staged effects atomically, if the stored version is still <see cref="Version"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the state (keeping a tombstone version) and writes the staged effects atomically.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stages an outbox message, handed to the handler of its topic after commit.</summary>
    void StageOutbox(OutboxMessage message);

    /// <summary>Stages a durable reminder for this grain (insert or move its due time).</summary>
    void StageReminder(string name, DateTimeOffset dueAt);

    /// <summary>Stages removal of a reminder of this grain.</summary>
    void StageReminderRemoval(string name);

    /// <summary>Stages an audit event.</summary>
    void StageAudit(AuditEntry entry);

    /// <summary>Stages a wake-up for waiters on <paramref name="topic"/>, sent after commit (across silos on PostgreSQL).</summary>
    void StageNotification(string topic);
}
