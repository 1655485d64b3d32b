namespace PushAuth.Hosting.Storage;

/// <summary>A stored grain row. <see cref="Payload"/> is null for a cleared row (tombstone) or when unchanged.</summary>
public sealed record StoredGrainState(long Version, int SchemaVersion, string? Payload, bool Unchanged = false);
