namespace PushAuth.Hosting;

/// <summary>A compare-and-set write lost: another writer changed the grain first. The runtime retries the turn.</summary>
public sealed class InconsistentStateException(GrainId grainId, long expectedVersion, long? storedVersion)
    : Exception($"State of {grainId} changed concurrently: expected version {expectedVersion}, stored {(storedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}.")
{
    public GrainId GrainId { get; } = grainId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long? StoredVersion { get; } = storedVersion;
}
