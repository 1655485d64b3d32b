using PushAuth.History;

namespace PushAuth.Grains.History;

/// <summary>The whole check of a tenant's history, as the endpoint and <c>verify-history</c> run it: the keyed chain, its
/// oldest entry against the recorded retention cuts, its newest against the checkpoint kept outside the database.</summary>
internal sealed class HistoryIntegrity(IHistoryStore store, HistoryKeyMaterial keys, HistoryCheckpointStore checkpoints)
{
    /// <summary>Verifies the tenant's chain; the checkpoint is null when checkpoints are off (Development).</summary>
    public async Task<(HistoryVerification Result, HistoryCheckpoint? Checkpoint)> VerifyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.ReadAsync(tenantId, cancellationToken);
        var result = await HistoryChain.VerifyAsync(store.ReadChainAsync(tenantId, cancellationToken: cancellationToken), await keys.GetAsync(cancellationToken), checkpoint,
            cancellationToken);
        return (result, checkpoint);
    }
}
