using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using PushAuth.History;

namespace PushAuth.Persistence.Postgres;

/// <summary>
/// The history in the <c>pushauth_history</c> table (migration 2). An append is one INSERT of all records, so a taken
/// sequence or event id fails the whole batch. Retention deletes a prefix of the chain (after its cut is recorded) and
/// always keeps the newest entry, so the chain stays contiguous and its writer can go on from the head.
/// </summary>
public sealed class PostgresHistoryStore(NpgsqlDataSource dataSource, PostgresMigrator migrator) : IHistoryStore
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;

    private const int ChainPageSize = 1000;

    private const string Columns =
        "sequence, event_id, at, tenant_id, user_id, actor, activity, method, status, source_ip, city, country, device_id, " +
        "policy, remarks, correlation_id, trace_id, user_agent, previous_hash, hash";

    public Task InitializeAsync(CancellationToken cancellationToken = default) => migrator.MigrateAsync(cancellationToken);

    public async Task<HistoryRecord?> GetHeadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM pushauth_history WHERE tenant_id = $1 ORDER BY sequence DESC LIMIT 1");
        command.Parameters.Add(new() { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlySet<string>> FindExistingAsync(string tenantId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (eventIds.Count == 0)
        {
            return found;
        }
        await using var command = dataSource.CreateCommand("SELECT event_id FROM pushauth_history WHERE tenant_id = $1 AND event_id = ANY($2)");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = eventIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    public async Task AppendAsync(string tenantId, IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }
        foreach (var record in records)
        {
            if (record.Event.TenantId != tenantId)
            {
                throw new ArgumentException($"Record {record.Sequence} belongs to tenant '{record.Event.TenantId}', not '{tenantId}'.", nameof(records));
            }
        }

        // One statement over column arrays: atomic without an explicit transaction, one round trip for any batch size.
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO pushauth_history ({Columns})
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                                 $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                                 $15::text[], $16::text[], $17::text[], $18::text[], $19::bytea[], $20::bytea[])
            """);
        var events = records.Select(r => r.Event).ToArray();
        command.Parameters.Add(new() { Value = records.Select(r => r.Sequence).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.At.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        foreach (var field in new Func<HistoryEvent, string?>[]
                 {
                     e => e.TenantId, e => e.UserId, e => e.Actor, e => e.Activity, e => e.Method, e => e.Status, e => e.SourceIp,
                     e => e.City, e => e.Country, e => e.DeviceId, e => e.Policy, e => e.Remarks, e => e.CorrelationId, e => e.TraceId,
                     e => e.UserAgent,
                 })
        {
            command.Parameters.Add(new() { Value = events.Select(field).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
        command.Parameters.Add(new() { Value = records.Select(r => r.PreviousHash).ToArray() });
        command.Parameters.Add(new() { Value = records.Select(r => r.Hash).ToArray() });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new HistoryConflictException(tenantId, e);
        }
    }

    public async Task<IReadOnlyList<HistoryRecord>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPageSize, nameof(query));
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM pushauth_history WHERE tenant_id = $1");
        command.Parameters.Add(new() { Value = query.TenantId });
        void Where(string condition, object value)
        {
            command.Parameters.Add(new() { Value = value });
            sql.Append(" AND ").Append(condition).Append(" $").Append(command.Parameters.Count);
        }
        if (query.UserId is not null) Where("user_id =", query.UserId);
        if (query.Method is not null) Where("method =", query.Method);
        if (query.Status is not null) Where("status =", query.Status);
        if (query.Activity is not null) Where("activity =", query.Activity);
        if (query.From is { } from) Where("at >=", from.UtcDateTime);
        if (query.To is { } to) Where("at <", to.UtcDateTime);
        if (query.BeforeSequence is { } before) Where("sequence <", before);
        command.Parameters.Add(new() { Value = query.Limit });
        if (query.To is not null)
        {
            // Entries are appended roughly in time order, which the planner does not know: with LIMIT in sight it walks
            // the sequence index from the newest entry and filters, through everything after 'To'. Behind the OFFSET 0
            // fence it picks the time index for the window and sorts just the matches.
            sql.Insert(0, "SELECT * FROM (").Append(" OFFSET 0) AS window_matches");
        }
        sql.Append(" ORDER BY sequence DESC LIMIT $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();

        var page = new List<HistoryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(Read(reader));
        }
        return page;
    }

    public async IAsyncEnumerable<HistoryRecord> ReadChainAsync(string tenantId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Keyset pages: no connection is held while the caller works through a long chain.
        var next = fromSequence;
        while (true)
        {
            var page = new List<HistoryRecord>(ChainPageSize);
            await using (var command = dataSource.CreateCommand(
                $"SELECT {Columns} FROM pushauth_history WHERE tenant_id = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3"))
            {
                command.Parameters.Add(new() { Value = tenantId });
                command.Parameters.Add(new() { Value = next });
                command.Parameters.Add(new() { Value = ChainPageSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(Read(reader));
                }
            }
            foreach (var record in page)
            {
                yield return record;
            }
            if (page.Count < ChainPageSize)
            {
                yield break;
            }
            next = page[^1].Sequence + 1;
        }
    }

    public async Task<HistoryRecord?> FindRetentionCutAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        // The prefix before the first entry at or after 'before' (an out-of-order timestamp cannot punch a hole in the
        // chain), never the head.
        await using var command = dataSource.CreateCommand($$"""
            SELECT {{Columns}} FROM pushauth_history
            WHERE tenant_id = $1
              AND sequence < least(
                  coalesce((SELECT sequence FROM pushauth_history WHERE tenant_id = $1 AND at >= $2 ORDER BY sequence LIMIT 1),
                           9223372036854775807),
                  (SELECT max(sequence) FROM pushauth_history WHERE tenant_id = $1))
            ORDER BY sequence DESC LIMIT 1
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = before.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<long> DeleteThroughAsync(string tenantId, long throughSequence, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM pushauth_history
            WHERE tenant_id = $1 AND sequence <= $2
              AND sequence < (SELECT max(sequence) FROM pushauth_history WHERE tenant_id = $1)
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = throughSequence });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static HistoryRecord Read(NpgsqlDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var e = new HistoryEvent(
            EventId: r.GetString(1),
            At: r.GetFieldValue<DateTimeOffset>(2),
            TenantId: r.GetString(3),
            UserId: Text(4),
            Actor: r.GetString(5),
            Activity: r.GetString(6),
            Method: Text(7),
            Status: r.GetString(8),
            SourceIp: Text(9),
            City: Text(10),
            Country: Text(11),
            DeviceId: Text(12),
            Policy: Text(13),
            Remarks: Text(14),
            CorrelationId: Text(15),
            TraceId: Text(16),
            UserAgent: Text(17));
        return new HistoryRecord(r.GetInt64(0), e, r.GetFieldValue<byte[]>(18), r.GetFieldValue<byte[]>(19));
    }
}
