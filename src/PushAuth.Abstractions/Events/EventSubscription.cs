namespace PushAuth.Abstractions;

/// <summary>A tenant's event subscription as the admin API shows it (never its secret).</summary>
/// <param name="EventTypes">The types it receives; empty means every type of <see cref="TenantEventTypes"/>.</param>
[GenerateSerializer, Immutable, Alias("pa.EventSubscription")]
public sealed record EventSubscription(
    string SubscriptionId,
    string Url,
    IReadOnlyList<string> EventTypes,
    DateTimeOffset CreatedAt,
    string CreatedBy);
