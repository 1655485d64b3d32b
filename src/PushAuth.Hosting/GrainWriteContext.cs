using Microsoft.Extensions.Options;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>What every write needs from the silo: its id, the clock, which outbox topics it handles itself,
/// and what to do right after commit (wake local waiters, hand claimed outbox rows to the local dispatcher).</summary>
public sealed class GrainWriteContext(IOptions<GrainHostingOptions> options, TimeProvider timeProvider, LocalNotificationBus notifications)
{
    private readonly GrainHostingOptions _options = options.Value;
    private volatile IOutboxSink? _sink;

    internal void AttachOutbox(IOutboxSink sink) => _sink = sink;

    internal GrainWriteBatch CreateBatch(
        GrainId grainId, long expectedVersion, string? payload, int schemaVersion,
        IReadOnlyList<OutboxMessage> outbox, IReadOnlyList<ReminderChange> reminders,
        IReadOnlyList<AuditEntry> audit, IReadOnlyList<string> notificationTopics) =>
        new(grainId, expectedVersion, payload, schemaVersion, timeProvider.GetUtcNow(), outbox, reminders, audit, notificationTopics,
            _options.SiloId, _sink?.Topics, _options.ClaimLease);

    internal void AfterCommit(GrainWriteBatch batch)
    {
        foreach (var topic in batch.Notifications)
        {
            notifications.PublishLocal(topic);
        }
        if (batch.InsertedOutboxIds.Count > 0 && _sink is { } sink)
        {
            for (var i = 0; i < batch.Outbox.Count; i++)
            {
                var message = batch.Outbox[i];
                if (sink.Topics.Contains(message.Topic) && (message.DueAt is null || message.DueAt <= batch.Now))
                {
                    sink.Enqueue(new OutboxEnvelope(batch.InsertedOutboxIds[i], batch.GrainId, message.Topic, message.Payload, batch.Now, 0, message.TraceContext));
                }
            }
        }
    }
}

/// <summary>The local outbox dispatcher as seen by writers.</summary>
internal interface IOutboxSink
{
    IReadOnlyCollection<string> Topics { get; }

    void Enqueue(OutboxEnvelope envelope);
}
