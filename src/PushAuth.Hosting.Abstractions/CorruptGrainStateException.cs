namespace PushAuth.Hosting;

/// <summary>A stored state row cannot be read (bad JSON or an unknown schema version). Never silently reset.</summary>
public sealed class CorruptGrainStateException(GrainId grainId, string reason, Exception? inner = null)
    : Exception($"Stored state of grain type '{grainId.Type}' key '{grainId.Key}' cannot be loaded: {reason}", inner)
{
    public GrainId GrainId { get; } = grainId;
}
