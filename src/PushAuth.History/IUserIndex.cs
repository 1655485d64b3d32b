namespace PushAuth.History;

/// <summary>
/// The tenant's list of users, for the admin console's user list: one row per (tenant, user), added when the user's
/// first verification method is paired or enrolled. It lives in the same store as the history (a PostgreSQL table,
/// SQLite in embedded mode, rows of the history's Azure table) because it has the same needs: many rows per tenant,
/// ordered reads by key, no cross-tenant query. Reads are by user-id prefix in ordinal order with a cursor, so a
/// page costs the same at a million users as at ten.
/// </summary>
public interface IUserIndex
{
    /// <summary>Adds the user if missing (idempotent: a second call keeps the first <paramref name="firstSeenAt"/>).</summary>
    Task AddAsync(string tenantId, string userId, DateTimeOffset firstSeenAt, CancellationToken cancellationToken = default);

    /// <summary>One page in ordinal user-id order: ids starting with <see cref="UserIndexQuery.Prefix"/>, after
    /// <see cref="UserIndexQuery.After"/> (the last id of the previous page).</summary>
    Task<IReadOnlyList<IndexedUser>> SearchAsync(UserIndexQuery query, CancellationToken cancellationToken = default);
}
