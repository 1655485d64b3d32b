namespace PushAuth.Hosting;

/// <summary>One live grain instance in this silo. Its turn lock makes calls to it run one at a time.</summary>
internal sealed class Activation(GrainId grainId, object instance, IStateRefresh? state)
{
    public GrainId GrainId { get; } = grainId;

    public object Instance { get; } = instance;

    public IStateRefresh? State { get; } = state;

    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    /// <summary>Set under the turn lock when the activation leaves the cache; callers that raced in retry the lookup.</summary>
    public bool Deactivated { get; set; }

    public long LastUsedTicks { get; set; }
}
