using PushAuth.History;

namespace PushAuth.Testing;

/// <summary>Retention as the tenant history grain applies it: the cut recorded in the chain, then the prefix deleted.</summary>
public static class HistoryRetention
{
    public static async Task<long> ApplyAsync(IHistoryStore store, string tenantId, DateTimeOffset before, DateTimeOffset now)
    {
        if (await store.FindRetentionCutAsync(tenantId, before) is not { } cut)
        {
            return 0;
        }
        var head = await store.GetHeadAsync(tenantId);
        await store.AppendAsync(tenantId, HistoryChain.Link(head, [new HistoryEvent("cut-" + Guid.NewGuid().ToString("N"), now, tenantId, null, "system",
            RetentionCut.Activity, null, "cut", Remarks: new RetentionCut(cut.Sequence, cut.Hash).Remarks())], TestHistoryKeys.Keys));
        return await store.DeleteThroughAsync(tenantId, cut.Sequence);
    }
}
