namespace PushAuth.Hosting.Storage;

/// <summary>
/// The storage provider contract every engine implements (SQLite, PostgreSQL) and the conformance suite tests.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Provider name for telemetry, e.g. <c>sqlite</c>.</summary>
    string ProviderName { get; }

    /// <summary>True when other silos may write the same rows, so activations must re-validate cached state each turn.</summary>
    bool IsShared { get; }

    /// <summary>Creates or migrates the schema idempotently.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a grain's row. When <paramref name="knownVersion"/> equals the stored version the payload is omitted
    /// (<see cref="StoredGrainState.Unchanged"/>), saving the transfer and the deserialization.</summary>
    Task<StoredGrainState?> ReadAsync(GrainId grainId, long? knownVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Applies a write batch in one transaction; returns the new version.
    /// Throws <see cref="InconsistentStateException"/> when the stored version is not the expected one.</summary>
    Task<long> WriteAsync(GrainWriteBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Appends audit events outside any state change (e.g. a rejected attempt).</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads audit events, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> due reminders for <paramref name="siloId"/>, leased until now + <paramref name="lease"/>.
    /// A reminder whose lease expired (its silo died) can be claimed again.</summary>
    Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string siloId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Deletes a fired reminder, unless it was moved meanwhile (its due time changed).</summary>
    Task CompleteReminderAsync(DueReminder reminder, CancellationToken cancellationToken = default);

    /// <summary>Claims due outbox messages of the given topics.</summary>
    Task<IReadOnlyList<OutboxEnvelope>> ClaimOutboxAsync(string siloId, IReadOnlyCollection<string> topics, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Removes a handled outbox message.</summary>
    Task CompleteOutboxAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Releases a message for another attempt at <paramref name="dueAt"/>.</summary>
    Task RescheduleOutboxAsync(long id, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken = default);

    /// <summary>Counts pending outbox messages and the creation time of the oldest (for the outbox-lag metric).</summary>
    Task<OutboxStats> GetOutboxStatsAsync(CancellationToken cancellationToken = default);
}
