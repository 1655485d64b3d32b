using PushAuth.History;

namespace PushAuth.Domain.Effects;

/// <summary>A history event owed to the tenant's history; its effect id is the event's own id.</summary>
public sealed record OwedHistory(HistoryEvent Event) : OwedEffect(Event.EventId);
