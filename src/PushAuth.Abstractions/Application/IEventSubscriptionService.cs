namespace PushAuth.Abstractions;

/// <summary>An admin's tenant-wide event subscriptions (<see cref="TenantEventTypes"/>): create, list, delete, and the
/// recent deliveries with replay. Every operation needs <see cref="AdminPermission.ManageTenant"/>.</summary>
public interface IEventSubscriptionService
{
    /// <summary>Subscribes <paramref name="url"/> (held to the webhook target policy) to <paramref name="eventTypes"/>
    /// (null or empty: every type); returns the signing secret once. Recorded as <c>event-subscription.created</c>.</summary>
    Task<CreatedEventSubscription> CreateAsync(Caller caller, string? url, IReadOnlyList<string>? eventTypes, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>The tenant's subscriptions, never their secrets.</summary>
    Task<IReadOnlyList<EventSubscription>> ListAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription and its pending deliveries; 404 <c>events.subscription-not-found</c> when there is none.
    /// Recorded as <c>event-subscription.deleted</c>.</summary>
    Task DeleteAsync(Caller caller, string subscriptionId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The most recent deliveries (at most 100), newest first.</summary>
    Task<IReadOnlyList<EventDelivery>> ListDeliveriesAsync(Caller caller, int? limit, CancellationToken cancellationToken = default);

    /// <summary>Sends one delivery again with the same event id; 404 <c>events.delivery-not-found</c> when unknown.
    /// Recorded as <c>event-delivery.replayed</c>.</summary>
    Task<EventDelivery> ReplayAsync(Caller caller, string deliveryId, RequestOrigin origin, CancellationToken cancellationToken = default);
}
