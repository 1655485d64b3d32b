using Orleans.Placement;
using Orleans.Runtime;

namespace PushAuth.Testing.Clustering;

// Random placement spreads activations over the silos, so a killed silo surely hosts some.
[RandomPlacement]
public sealed class StateGrain(
    [PersistentState("state", StateGrain.StorageName)] IPersistentState<TestState> state,
    ILocalSiloDetails silo) : Grain, IStateGrain
{
    /// <summary>The storage PushAuth's grains use on every provider (PostgreSQL's and Azure's DefaultStorageName).</summary>
    public const string StorageName = "PushAuth";

    public async Task SetAsync(string value, CancellationToken cancellationToken = default)
    {
        state.State = state.State with { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<TestState> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State);

    public Task<string> GetSiloAsync(CancellationToken cancellationToken = default) => Task.FromResult(silo.SiloAddress.ToString());
}
