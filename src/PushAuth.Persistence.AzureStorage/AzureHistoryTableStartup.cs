using Orleans;
using Orleans.Runtime;
using PushAuth.History;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>Creates the history table when the silo starts, in the stage where Orleans' Azure grain storage creates its own.</summary>
internal sealed class AzureHistoryTableStartup(AzureTableHistoryStore store) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AzureHistoryTableStartup), ServiceLifecycleStage.ApplicationServices, cancellationToken => ((IHistoryStore)store).InitializeAsync(cancellationToken));
}
