namespace PushAuth.Hosting.Storage;

/// <summary>Depth of the outbox and the creation time of its oldest message.</summary>
public sealed record OutboxStats(long Depth, DateTimeOffset? OldestCreatedAt);
