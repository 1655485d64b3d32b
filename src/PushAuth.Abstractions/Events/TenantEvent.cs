namespace PushAuth.Abstractions;

/// <summary>One tenant event as receivers get it. <see cref="EventId"/> follows from the history entry that recorded what
/// happened, so every delivery and replay of the same event carries the same id and receivers dedupe on it.</summary>
/// <param name="Type">One of <see cref="TenantEventTypes"/>.</param>
/// <param name="Data">The event's details as strings; never a secret or a code.</param>
[GenerateSerializer, Immutable, Alias("pa.TenantEvent")]
public sealed record TenantEvent(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    string TenantId,
    string? UserId,
    IReadOnlyDictionary<string, string> Data);
