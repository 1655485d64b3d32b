using PushAuth.Hosting;

namespace PushAuth.Benchmarks.Turns;

[GrainType("benchcounter")]
public interface IBenchCounterGrain : IGrainWithStringKey
{
    /// <summary>Read-modify-write with the default per-turn re-validation on shared storage.</summary>
    Task<long> IncrementAsync(CancellationToken cancellationToken = default);

    /// <summary>Read-modify-write trusting the cache; the ETag write validates it.</summary>
    [ValidatedByWrite]
    Task<long> IncrementValidatedAsync(CancellationToken cancellationToken = default);
}

[GrainState(1)]
public sealed record BenchCounterState
{
    public long Value { get; init; }

    public string Padding { get; init; } = new('x', 200);
}

public sealed class BenchCounterGrain(IPersistentState<BenchCounterState> state) : IBenchCounterGrain
{
    public async Task<long> IncrementAsync(CancellationToken cancellationToken = default)
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        await state.WriteStateAsync(cancellationToken);
        return state.State.Value;
    }

    public Task<long> IncrementValidatedAsync(CancellationToken cancellationToken = default) => IncrementAsync(cancellationToken);
}
