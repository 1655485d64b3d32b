using System.Net;
using Azure;
using Azure.Data.Tables;
using PushAuth.History;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>
/// The user index as rows of the history table: partition = tenant, row key = "u" + user id. Azure Tables keeps a
/// partition sorted by row key, so a user-id prefix is a row-key range and the cursor continues it: a page reads only
/// its own entities, whatever the tenant's size. The history's own row keys ("a", "e…", "r…") sort before "u".
/// </summary>
public sealed class AzureTableUserIndex(TableClient table) : IUserIndex
{
    public async Task AddAsync(string tenantId, string userId, DateTimeOffset firstSeenAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKeys.Partition(tenantId), TableKeys.User(userId)) { ["FirstSeenAt"] = firstSeenAt.ToUniversalTime() },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Already indexed: the first time stays.
        }
    }

    public async Task<IReadOnlyList<IndexedUser>> SearchAsync(UserIndexQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, UserIndexQuery.MaxLimit);
        var lower = TableKeys.User(query.Prefix ?? "");
        var upper = query.Prefix is { Length: > 0 } p && UserIndexQuery.UpperBound(p) is { } bound ? TableKeys.User(bound) : TableKeys.UsersEnd;
        var filter = query.After is not null && string.CompareOrdinal(TableKeys.User(query.After), lower) >= 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Partition(query.TenantId)} and RowKey gt {TableKeys.User(query.After)} and RowKey lt {upper}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Partition(query.TenantId)} and RowKey ge {lower} and RowKey lt {upper}");
        var page = new List<IndexedUser>(Math.Min(limit, 100));
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken))
        {
            page.Add(new IndexedUser(TableKeys.UserIdOf(entity.RowKey), entity.GetDateTimeOffset("FirstSeenAt") ?? DateTimeOffset.MinValue));
            if (page.Count == limit)
            {
                break;
            }
        }
        return page;
    }
}
