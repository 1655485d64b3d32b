namespace PushAuth.Persistence.Sqlite.Benchmarks;

/// <summary>A grain state about the size of a challenge's (a couple of hundred bytes of JSON).</summary>
public sealed record BenchState(string UserId, string DeviceId, string Status, int Version, DateTimeOffset UpdatedAt, string Notes);
