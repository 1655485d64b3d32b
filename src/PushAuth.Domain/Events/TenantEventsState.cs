namespace PushAuth.Domain.Events;

/// <summary>A tenant's subscriptions, pending deliveries, the last finished deliveries and the ids of recent events
/// (to ignore a publish repeated by an owing grain's retry). Every list is bounded by <see cref="EventQueue"/>.</summary>
public sealed record TenantEventsState
{
    /// <summary>Schema version, so rows written by an older build still load.</summary>
    public int Version { get; init; } = 1;

    public IReadOnlyList<StoredSubscription> Subscriptions { get; init; } = [];

    /// <summary>Pending first in arrival order, then finished ones, newest last.</summary>
    public IReadOnlyList<StoredDelivery> Deliveries { get; init; } = [];

    /// <summary>Ids of events published lately, oldest first.</summary>
    public IReadOnlyList<string> RecentEventIds { get; init; } = [];
}
