using PushAuth.Grains.Storage;

namespace PushAuth.Benchmarks.Writes;

public sealed class BenchCounterGrain([PersistentState("counter", StorageNames.Default)] IPersistentState<BenchCounterState> state) : Grain, IBenchCounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return state.State.Count;
    }
}
