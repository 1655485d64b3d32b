using Npgsql;
using PushAuth.History;

namespace PushAuth.Persistence.Postgres;

/// <summary>The user index in <c>pushauth_user_index</c> (migration 3): prefix ranges and the cursor on the primary
/// key, whose user-id column sorts in "C" (ordinal) collation.</summary>
public sealed class PostgresUserIndex(NpgsqlDataSource dataSource) : IUserIndex
{
    public async Task AddAsync(string tenantId, string userId, DateTimeOffset firstSeenAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pushauth_user_index (tenant_id, user_id, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = firstSeenAt.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IndexedUser>> SearchAsync(UserIndexQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = query.Prefix is { Length: > 0 } p ? p : null;
        // A null bound is no bound: one statement, one plan.
        await using var command = dataSource.CreateCommand("""
            SELECT user_id, first_seen_at FROM pushauth_user_index
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR user_id >= $2::text)
              AND ($3::text IS NULL OR user_id < $3::text)
              AND ($4::text IS NULL OR user_id > $4::text)
            ORDER BY user_id
            LIMIT $5
            """);
        command.Parameters.Add(new() { Value = query.TenantId });
        command.Parameters.Add(new() { Value = (object?)prefix ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)(prefix is null ? null : UserIndexQuery.UpperBound(prefix)) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.After ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Math.Clamp(query.Limit, 1, UserIndexQuery.MaxLimit) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<IndexedUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new IndexedUser(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }
        return page;
    }
}
