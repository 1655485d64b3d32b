namespace PushAuth.Hosting;

/// <summary>A turn kept losing compare-and-set races and gave up after a bounded number of attempts.</summary>
public sealed class GrainConflictException(GrainId grainId, int attempts, Exception inner)
    : Exception($"Grain {grainId} could not complete a turn after {attempts} attempts because of concurrent writes.", inner)
{
    public GrainId GrainId { get; } = grainId;
    public int Attempts { get; } = attempts;
}
