namespace PushAuth.Hosting;

internal sealed class GrainContext(GrainId grainId, IGrainFactory grainFactory) : IGrainContext
{
    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory { get; } = grainFactory;
}
