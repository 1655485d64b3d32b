namespace PushAuth.Abstractions;

/// <summary>One event's delivery to one subscription, as the admin API lists it.</summary>
/// <param name="DeliveryId">Stable for the event and subscription; also sent as <c>PushAuth-Delivery</c>.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status, if it answered.</param>
/// <param name="LastError">Why the last attempt failed without a status (unreachable, timeout, refused target).</param>
/// <param name="NextAttemptAt">When it is tried next, while pending.</param>
[GenerateSerializer, Immutable, Alias("pa.EventDelivery")]
public sealed record EventDelivery(
    string DeliveryId,
    string SubscriptionId,
    string EventId,
    string EventType,
    EventDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt);
