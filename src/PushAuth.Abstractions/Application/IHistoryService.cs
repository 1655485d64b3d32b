using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>The identity-verification history for admins and operators: the integrity check and the export, each
/// leaving its own trace in the history. Queries read <see cref="IHistoryStore"/> directly.</summary>
public interface IHistoryService
{
    /// <summary>Checks the tenant's keyed chain, its recorded retention cuts and its checkpoint (the operator's
    /// <c>verify-history</c>; not recorded).</summary>
    Task<HistoryCheck> CheckAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>An admin checks the tenant's history: as <see cref="CheckAsync"/>, recorded as <c>history.verified</c>.</summary>
    Task<HistoryCheck> VerifyAsync(Caller caller, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>An admin exports every entry matching <paramref name="query"/>, newest first, at most <paramref name="maxRows"/>;
    /// recorded as <c>history.exported</c> (with <paramref name="description"/>) before the first entry is read.</summary>
    Task<IAsyncEnumerable<HistoryRecord>> ExportAsync(Caller caller, HistoryQuery query, int maxRows, string description, RequestOrigin origin,
        CancellationToken cancellationToken = default);
}
