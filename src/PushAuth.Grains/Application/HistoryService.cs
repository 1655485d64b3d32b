using System.Runtime.CompilerServices;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.History;
using PushAuth.History;

namespace PushAuth.Grains.Application;

/// <summary>The history's check and export, each recorded (<see cref="IHistoryService"/>).</summary>
internal sealed class HistoryService(IHistoryStore store, HistoryIntegrity integrity, AuditTrail audit, TimeProvider time) : IHistoryService
{
    private const int ExportPage = 1000;

    public async Task<HistoryCheck> CheckAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var (result, checkpoint) = await integrity.VerifyAsync(tenantId, cancellationToken);
        return new HistoryCheck(result, checkpoint);
    }

    public async Task<HistoryCheck> VerifyAsync(Caller caller, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ReadHistory);
        var check = await CheckAsync(caller.TenantId, cancellationToken);
        var result = check.Result;
        await RecordAsync(caller, HistoryActivities.HistoryVerified, result.IsIntact ? "intact" : "broken",
            result.IsIntact ? $"checked={result.CheckedCount}" : $"firstBadSequence={result.FirstBadSequence}; {result.Problem}", origin, cancellationToken);
        return check;
    }

    public async Task<IAsyncEnumerable<HistoryRecord>> ExportAsync(Caller caller, HistoryQuery query, int maxRows, string description, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ReadHistory);
        await RecordAsync(caller, HistoryActivities.HistoryExported, "exported", description, origin, cancellationToken);
        return Pages(query with { TenantId = caller.TenantId, Limit = ExportPage }, maxRows, cancellationToken);
    }

    private async IAsyncEnumerable<HistoryRecord> Pages(HistoryQuery query, int maxRows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < maxRows)
        {
            var page = await store.QueryAsync(query, cancellationToken);
            foreach (var record in page)
            {
                yield return record;
                read++;
            }
            if (page.Count < query.Limit)
            {
                yield break;
            }
            query = query with { BeforeSequence = page[^1].Sequence };
        }
    }

    /// <summary>An admin's read that leaves a trace: it changes no grain state, so no write carries the event.</summary>
    private Task RecordAsync(Caller caller, string activity, string status, string? remarks, RequestOrigin origin, CancellationToken cancellationToken) =>
        audit.RecordAsync(HistoryEvents.Of(time.GetUtcNow(), caller.TenantId, null, caller.Actor, activity, null, status, origin,
            policy: caller.Role.ToString(), remarks: remarks is { Length: > 1000 } ? remarks[..1000] : remarks),
            cancellationToken);
}
