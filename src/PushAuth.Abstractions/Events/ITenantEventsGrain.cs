namespace PushAuth.Abstractions;

/// <summary>
/// A tenant's event subscriptions and their delivery queue (key: tenant id). The tenant's history grain publishes every
/// appended entry that maps to an event (<see cref="TenantEventTypes"/>), on every append call including duplicates;
/// publishing is idempotent by event id, so a publish that failed is repeated by the owing grain's retry of the append,
/// and each matching subscription gets the event at least once. The queue is saved before anything is sent.
/// </summary>
[Alias("pa.ITenantEventsGrain")]
public interface ITenantEventsGrain : IGrainWithStringKey
{
    /// <summary>Queues <paramref name="events"/> for every matching subscription; events seen before are ignored.</summary>
    [Alias("Publish")]
    Task PublishAsync(IReadOnlyList<TenantEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Adds a subscription to <paramref name="url"/> (already checked against the target policy) and returns its
    /// secret once.</summary>
    [Alias("Subscribe")]
    Task<CreatedEventSubscription> SubscribeAsync(string url, IReadOnlyList<string> eventTypes, string actor, CancellationToken cancellationToken = default);

    /// <summary>The tenant's subscriptions.</summary>
    [Alias("ListSubscriptions"), ReadOnly]
    Task<IReadOnlyList<EventSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription and its pending deliveries; false when there is none.</summary>
    [Alias("Unsubscribe")]
    Task<bool> UnsubscribeAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>The most recent deliveries, newest first (pending ones and the last finished ones, at most
    /// <paramref name="limit"/>).</summary>
    [Alias("ListDeliveries"), ReadOnly]
    Task<IReadOnlyList<EventDelivery>> ListDeliveriesAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Sends a delivery again now, with the same event id and body; null when there is no such delivery (or its
    /// subscription is gone).</summary>
    [Alias("Replay")]
    Task<EventDelivery?> ReplayAsync(string deliveryId, CancellationToken cancellationToken = default);
}
