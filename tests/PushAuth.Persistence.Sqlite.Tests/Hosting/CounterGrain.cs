namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync(CancellationToken cancellationToken = default)
    {
        state.State = new CounterState((state.State?.Count ?? 0) + 1);
        await state.WriteStateAsync(cancellationToken);
        return state.State.Count;
    }

    public Task<int> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State?.Count ?? 0);
}
