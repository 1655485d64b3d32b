namespace PushAuth.Abstractions;

/// <summary>Whether pushes for a user are blocked (push-fatigue protection), why and until when.</summary>
[GenerateSerializer, Immutable, Alias("pa.PushBlockStatus")]
public sealed record PushBlockStatus(bool Blocked, string? Reason, DateTimeOffset? Until, int ConsecutiveDenials, int Outstanding);
