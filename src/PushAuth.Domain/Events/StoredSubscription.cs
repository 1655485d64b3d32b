namespace PushAuth.Domain.Events;

/// <summary>A subscription as the events grain keeps it: the secret only encrypted, bound to the tenant and the id.</summary>
public sealed record StoredSubscription(string SubscriptionId, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string CreatedBy,
    string ProtectedSecret)
{
    /// <summary>True when the subscription asked for <paramref name="type"/> (an empty filter asks for all).</summary>
    public bool Wants(string type) => EventTypes.Count == 0 || EventTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>The admin API's view.</summary>
    public EventSubscription View() => new(SubscriptionId, Url, EventTypes, CreatedAt, CreatedBy);
}
