namespace PushAuth.Hosting;

/// <summary>What an activation knows about itself; injected into grain constructors.</summary>
public interface IGrainContext
{
    /// <summary>This grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>Factory for calling other grains. Avoid call cycles: turns do not interleave.</summary>
    IGrainFactory GrainFactory { get; }
}
