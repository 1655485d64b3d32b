using System.Text;
using PushAuth.History;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>
/// The user index in the silo's <see cref="SqliteDatabase"/>: the table's primary key (tenant, user) serves a prefix
/// as a key range (<c>user_id &gt;= prefix AND user_id &lt; upper bound</c>), and the cursor as <c>user_id &gt; after</c>,
/// so a page reads only its own rows. User ids are ASCII (<c>Validate.Identifier</c>), so SQLite's binary order is
/// the ordinal order.
/// </summary>
public sealed class SqliteUserIndex(SqliteDatabase database) : IUserIndex
{
    private const string InsertSql = "INSERT INTO user_index (tenant_id, user_id, first_seen_at) VALUES ($tenant, $user, $at) ON CONFLICT DO NOTHING;";

    public Task AddAsync(string tenantId, string userId, DateTimeOffset firstSeenAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => session.Command(InsertSql)
            .With("$tenant", tenantId).With("$user", userId).With("$at", firstSeenAt.ToUnixTimeMilliseconds()).ExecuteNonQuery(), cancellationToken);

    public Task<IReadOnlyList<IndexedUser>> SearchAsync(UserIndexQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT user_id, first_seen_at FROM user_index WHERE tenant_id = $tenant");
        var upper = query.Prefix is { Length: > 0 } p ? UserIndexQuery.UpperBound(p) : null;
        if (query.Prefix is { Length: > 0 })
        {
            sql.Append(" AND user_id >= $prefix");
        }
        if (upper is not null)
        {
            sql.Append(" AND user_id < $upper");
        }
        if (query.After is not null)
        {
            sql.Append(" AND user_id > $after");
        }
        sql.Append(" ORDER BY user_id LIMIT $limit;");
        return database.ReadAsync<IReadOnlyList<IndexedUser>>(session =>
        {
            var command = session.Command(sql.ToString()).With("$tenant", query.TenantId).With("$limit", Math.Clamp(query.Limit, 1, UserIndexQuery.MaxLimit));
            if (query.Prefix is { Length: > 0 })
            {
                command.With("$prefix", query.Prefix);
            }
            if (upper is not null)
            {
                command.With("$upper", upper);
            }
            if (query.After is not null)
            {
                command.With("$after", query.After);
            }
            using var reader = command.ExecuteReader();
            var page = new List<IndexedUser>();
            while (reader.Read())
            {
                page.Add(new IndexedUser(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
            }
            return page;
        }, cancellationToken);
    }
}
