namespace PushAuth.Hosting.Storage;

/// <summary>Everything one turn writes, in one transaction.</summary>
/// <param name="GrainId">The grain written.</param>
/// <param name="ExpectedVersion">The version read; 0 means no row may exist yet.</param>
/// <param name="Payload">The new state as JSON; null clears the state and keeps a tombstone version.</param>
/// <param name="SchemaVersion">Schema version of <paramref name="Payload"/>.</param>
/// <param name="Outbox">Outbox messages; those whose topic is in <paramref name="ClaimTopics"/> are inserted already claimed by <paramref name="SiloId"/>.</param>
/// <param name="Reminders">Reminder upserts and removals for this grain.</param>
/// <param name="Audit">Audit events.</param>
/// <param name="Notifications">Topics to wake after commit.</param>
public sealed record GrainWriteBatch(
    GrainId GrainId,
    long ExpectedVersion,
    string? Payload,
    int SchemaVersion,
    DateTimeOffset Now,
    IReadOnlyList<OutboxMessage> Outbox,
    IReadOnlyList<ReminderChange> Reminders,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<string> Notifications,
    string SiloId = "",
    IReadOnlyCollection<string>? ClaimTopics = null,
    TimeSpan ClaimLease = default)
{
    /// <summary>Ids of the inserted outbox rows, in order, filled by the provider.</summary>
    public List<long> InsertedOutboxIds { get; } = [];
}
