namespace PushAuth.Domain.Events;

/// <summary>One event owed to (or sent to) one subscription; the event travels with it, so a replay sends the same body.</summary>
public sealed record StoredDelivery(
    string DeliveryId,
    string SubscriptionId,
    TenantEvent Event,
    EventDeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt = null,
    int? LastStatusCode = null,
    string? LastError = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>The admin API's view.</summary>
    public EventDelivery View() => new(DeliveryId, SubscriptionId, Event.EventId, Event.Type, Status, Attempts, LastStatusCode, LastError, CreatedAt,
        LastAttemptAt, Status == EventDeliveryStatus.Pending ? NextAttemptAt : null);
}
