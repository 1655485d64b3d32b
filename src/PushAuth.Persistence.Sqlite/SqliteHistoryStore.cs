using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PushAuth.History;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>
/// The identity-verification history in the silo's <see cref="SqliteDatabase"/>, written through its writer thread.
/// (tenant, sequence) and (tenant, event id) are unique; an append that collides with either throws
/// <see cref="HistoryConflictException"/> and writes nothing. Pages are newest first; a user's page over a time range
/// reads the (tenant, user, time) index.
/// </summary>
public sealed partial class SqliteHistoryStore : IHistoryStore
{
    private const int ChainPageSize = 500;
    private const int MaxPageSize = 1000;
    private const string Columns =
        "sequence, event_id, at, tenant_id, user_id, actor, activity, method, status, source_ip, city, country, device_id, policy, remarks, correlation_id, trace_id, user_agent, previous_hash, hash";
    private const string InsertSql = """
        INSERT INTO history (tenant_id, sequence, event_id, at, user_id, actor, activity, method, status, source_ip, city, country,
                             device_id, policy, remarks, correlation_id, trace_id, user_agent, previous_hash, hash)
        VALUES ($tenant, $sequence, $event, $at, $user, $actor, $activity, $method, $status, $ip, $city, $country,
                $device, $policy, $remarks, $correlation, $trace, $agent, $previous, $hash);
        """;
    private const string HeadSql = $"SELECT {Columns} FROM history WHERE tenant_id = $tenant ORDER BY sequence DESC LIMIT 1;";
    private const string FindSql = "SELECT event_id FROM history WHERE tenant_id = $tenant AND event_id IN (SELECT value FROM json_each($ids));";
    private const string ChainSql = $"SELECT {Columns} FROM history WHERE tenant_id = $tenant AND sequence >= $from ORDER BY sequence LIMIT $limit;";
    // Retention removes a prefix of the chain, so what stays is still one unbroken chain; the head always stays, so
    // the chain goes on from it instead of starting over at sequence 1.
    private const string RetentionCutSql = $"""
        SELECT {Columns} FROM history WHERE tenant_id = $tenant AND sequence < MIN(
            COALESCE((SELECT MIN(sequence) FROM history WHERE tenant_id = $tenant AND at >= $before), 9223372036854775807),
            COALESCE((SELECT MAX(sequence) FROM history WHERE tenant_id = $tenant), 0))
        ORDER BY sequence DESC LIMIT 1;
        """;
    private const string DeleteThroughSql = """
        DELETE FROM history WHERE tenant_id = $tenant AND sequence <= $through
            AND sequence < (SELECT MAX(sequence) FROM history WHERE tenant_id = $tenant);
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteHistoryStore> _logger;

    public SqliteHistoryStore(SqliteDatabase database, ILogger<SqliteHistoryStore> logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>The tables and indexes are created when the database opens; this only checks it is open.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(static _ => true, cancellationToken);

    public Task<HistoryRecord?> GetHeadAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(session =>
        {
            using var reader = session.Command(HeadSql).With("$tenant", tenantId).ExecuteReader();
            return reader.Read() ? ToRecord(reader) : null;
        }, cancellationToken);

    public async Task<IReadOnlySet<string>> FindExistingAsync(string tenantId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        if (eventIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        var ids = ToJsonArray(eventIds);
        return await _database.ReadAsync<IReadOnlySet<string>>(session =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            using var reader = session.Command(FindSql).With("$tenant", tenantId).With("$ids", ids).ExecuteReader();
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }
            return found;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(string tenantId, IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }
        foreach (var record in records)
        {
            if (!string.Equals(record.Event.TenantId, tenantId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Record {record.Sequence} belongs to tenant '{record.Event.TenantId}', not '{tenantId}'.", nameof(records));
            }
        }
        try
        {
            await _database.WriteAsync(session =>
            {
                foreach (var record in records)
                {
                    Bind(session.Command(InsertSql), record).ExecuteNonQuery();
                }
                return records.Count;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            LogConflict(tenantId, records[0].Sequence, records.Count);
            throw new HistoryConflictException(tenantId, ex);
        }
    }

    public Task<IReadOnlyList<HistoryRecord>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = QuerySql(query);
        return _database.ReadAsync<IReadOnlyList<HistoryRecord>>(session => ReadAll(BindQuery(session.Command(sql), query)), cancellationToken);
    }

    /// <summary>The SQL of one page. With a user and a time range SQLite picks the (tenant, user, time) index and
    /// sorts only that user's entries in the range; with a user alone the (tenant, user, sequence) index gives the order.</summary>
    internal static string QuerySql(HistoryQuery query)
    {
        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM history WHERE tenant_id = $tenant");
        AppendFilter(sql, query.UserId, "user_id", "$user");
        AppendFilter(sql, query.Method, "method", "$method");
        AppendFilter(sql, query.Status, "status", "$status");
        AppendFilter(sql, query.Activity, "activity", "$activity");
        AppendFilter(sql, query.From, "at >= $from");
        AppendFilter(sql, query.To, "at < $to");
        AppendFilter(sql, query.BeforeSequence, "sequence < $before");
        return sql.Append(" ORDER BY sequence DESC LIMIT $limit;").ToString();
    }

    /// <summary>Binds the parameters <see cref="QuerySql"/> names.</summary>
    internal static SqliteCommand BindQuery(SqliteCommand command, HistoryQuery query)
    {
        command.With("$tenant", query.TenantId).With("$limit", Math.Clamp(query.Limit, 1, MaxPageSize));
        BindIfSet(command, "$user", query.UserId);
        BindIfSet(command, "$method", query.Method);
        BindIfSet(command, "$status", query.Status);
        BindIfSet(command, "$activity", query.Activity);
        BindIfSet(command, "$from", query.From?.ToUnixTimeMilliseconds());
        BindIfSet(command, "$to", query.To?.ToUnixTimeMilliseconds());
        BindIfSet(command, "$before", query.BeforeSequence);
        return command;
    }

    public async IAsyncEnumerable<HistoryRecord> ReadChainAsync(string tenantId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = fromSequence;
        while (true)
        {
            var from = next;
            var page = await _database.ReadAsync(session =>
                ReadAll(session.Command(ChainSql).With("$tenant", tenantId).With("$from", from).With("$limit", ChainPageSize)), cancellationToken).ConfigureAwait(false);
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

    public Task<HistoryRecord?> FindRetentionCutAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(session =>
        {
            using var reader = session.Command(RetentionCutSql).With("$tenant", tenantId).With("$before", before.ToUnixTimeMilliseconds()).ExecuteReader();
            return reader.Read() ? ToRecord(reader) : null;
        }, cancellationToken);

    public Task<long> DeleteThroughAsync(string tenantId, long throughSequence, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(session => (long)session.Command(DeleteThroughSql)
            .With("$tenant", tenantId).With("$through", throughSequence).ExecuteNonQuery(), cancellationToken);

    private static string ToJsonArray(IReadOnlyCollection<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AppendFilter(StringBuilder sql, string? value, string column, string parameter)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(column).Append(" = ").Append(parameter);
        }
    }

    private static void AppendFilter<T>(StringBuilder sql, T? value, string condition) where T : struct
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
        }
    }

    private static void BindIfSet(SqliteCommand command, string name, object? value)
    {
        if (value is not null)
        {
            command.With(name, value);
        }
    }

    private static SqliteCommand Bind(SqliteCommand command, HistoryRecord record)
    {
        var e = record.Event;
        return command
            .With("$tenant", e.TenantId).With("$sequence", record.Sequence).With("$event", e.EventId).With("$at", e.At.ToUnixTimeMilliseconds())
            .With("$user", e.UserId).With("$actor", e.Actor).With("$activity", e.Activity).With("$method", e.Method).With("$status", e.Status)
            .With("$ip", e.SourceIp).With("$city", e.City).With("$country", e.Country).With("$device", e.DeviceId).With("$policy", e.Policy)
            .With("$remarks", e.Remarks).With("$correlation", e.CorrelationId).With("$trace", e.TraceId).With("$agent", e.UserAgent)
            .With("$previous", record.PreviousHash).With("$hash", record.Hash);
    }

    private static List<HistoryRecord> ReadAll(SqliteCommand command)
    {
        var records = new List<HistoryRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(ToRecord(reader));
        }
        return records;
    }

    private static HistoryRecord ToRecord(SqliteDataReader reader)
    {
        var e = new HistoryEvent(
            EventId: reader.GetString(1),
            At: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            TenantId: reader.GetString(3),
            UserId: reader.NullableString(4),
            Actor: reader.GetString(5),
            Activity: reader.GetString(6),
            Method: reader.NullableString(7),
            Status: reader.GetString(8),
            SourceIp: reader.NullableString(9),
            City: reader.NullableString(10),
            Country: reader.NullableString(11),
            DeviceId: reader.NullableString(12),
            Policy: reader.NullableString(13),
            Remarks: reader.NullableString(14),
            CorrelationId: reader.NullableString(15),
            TraceId: reader.NullableString(16),
            UserAgent: reader.NullableString(17));
        return new HistoryRecord(reader.GetInt64(0), e, (byte[])reader.GetValue(18), (byte[])reader.GetValue(19));
    }
}
