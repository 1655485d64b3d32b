using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting.Postgres;

/// <summary>
/// The cluster engine: any number of silos share one PostgreSQL. A grain write is one batch, one round trip and
/// one implicit transaction: the compare-and-set function, the outbox rows, reminders, audit events and NOTIFYs.
/// Claims use <c>FOR UPDATE SKIP LOCKED</c> so each reminder and outbox message goes to one silo at a time.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions> options) : IGrainStorage
{
    private readonly string _channel = options.Value.NotificationChannel;

    public string ProviderName => "postgresql";

    public bool IsShared => true;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresSchema.MigrationLockId});", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);
        await using var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", connection);
        var applied = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        for (var i = applied; i < PostgresSchema.Migrations.Length; i++)
        {
            await ExecuteAsync(connection, PostgresSchema.Migrations[i], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version) VALUES ({i + 1});", cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainId grainId, long? knownVersion = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, schema_version, CASE WHEN version = $3 THEN NULL ELSE payload END FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)knownVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return knownVersion is 0 ? new StoredGrainState(0, 0, null, Unchanged: true) : null;
        }
        var version = reader.GetInt64(0);
        return new StoredGrainState(version, reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), Unchanged: version == knownVersion);
    }

    public async Task<long> WriteAsync(GrainWriteBatch batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        var now = batch.Now.ToUniversalTime();
        npgsqlBatch.BatchCommands.Add(Command("SELECT pushauth_write_state($1, $2, $3, $4, $5, $6)",
            batch.GrainId.Type, batch.GrainId.Key, batch.ExpectedVersion, batch.SchemaVersion, (object?)batch.Payload ?? DBNull.Value, now));
        foreach (var message in batch.Outbox)
        {
            var claim = batch.ClaimTopics?.Contains(message.Topic) == true && (message.DueAt is null || message.DueAt <= batch.Now);
            npgsqlBatch.BatchCommands.Add(Command(
                "INSERT INTO outbox (grain_type, grain_key, topic, payload, trace_context, created_at, due_at, claimed_by, claim_expires) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                batch.GrainId.Type, batch.GrainId.Key, message.Topic, message.Payload, (object?)message.TraceContext ?? DBNull.Value, now,
                (message.DueAt ?? batch.Now).ToUniversalTime(), claim ? batch.SiloId : DBNull.Value, claim ? (now + batch.ClaimLease) : DBNull.Value));
        }
        foreach (var change in batch.Reminders)
        {
            npgsqlBatch.BatchCommands.Add(change.DueAt is { } due
                ? Command("INSERT INTO reminders (grain_type, grain_key, name, due_at) VALUES ($1, $2, $3, $4) ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, claimed_by = NULL, claim_expires = NULL",
                    batch.GrainId.Type, batch.GrainId.Key, change.Name, due.ToUniversalTime())
                : Command("DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3", batch.GrainId.Type, batch.GrainId.Key, change.Name));
        }
        foreach (var entry in batch.Audit)
        {
            npgsqlBatch.BatchCommands.Add(AuditCommand(entry));
        }
        foreach (var topic in batch.Notifications)
        {
            npgsqlBatch.BatchCommands.Add(Command("SELECT pg_notify($1, $2)", _channel, topic));
        }
        try
        {
            // No explicit transaction: Npgsql sends the batch with one Sync, so it commits or fails as one.
            await using var reader = await npgsqlBatch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var version = reader.GetInt64(0);
            for (var i = 0; i < batch.Outbox.Count; i++)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                batch.InsertedOutboxIds.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
            return version;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresSchema.ConflictSqlState)
        {
            batch.InsertedOutboxIds.Clear();
            var stored = await ReadAsync(batch.GrainId, batch.ExpectedVersion, cancellationToken).ConfigureAwait(false);
            throw new InconsistentStateException(batch.GrainId, batch.ExpectedVersion, stored?.Version);
        }
    }

    public async Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        await using var batch = dataSource.CreateBatch();
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(AuditCommand(entry));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT id, at, tenant_id, user_id, actor, action, method, outcome, source_ip, user_agent, trace_id, details FROM audit_events WHERE tenant_id = $1");
        var parameters = new List<object> { query.TenantId };
        void Filter(string clause, object value)
        {
            parameters.Add(value);
            sql.Append(" AND ").Append(clause.Replace("?", "$" + parameters.Count, StringComparison.Ordinal));
        }
        if (query.UserId is not null)
        {
            Filter("user_id = ?", query.UserId);
        }
        if (query.Action is not null)
        {
            Filter("action = ?", query.Action);
        }
        if (query.Since is not null)
        {
            Filter("at >= ?", query.Since.Value.ToUniversalTime());
        }
        if (query.BeforeId is not null)
        {
            Filter("id < ?", query.BeforeId.Value);
        }
        parameters.Add(Math.Clamp(query.Limit, 1, 1000));
        sql.Append(" ORDER BY id DESC LIMIT $").Append(parameters.Count);
        await using var command = dataSource.CreateCommand(sql.ToString());
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var results = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new AuditRecord(reader.GetInt64(0), new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), NullableString(reader, 3), reader.GetString(4), reader.GetString(5),
                NullableString(reader, 6), reader.GetString(7), NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10), NullableString(reader, 11))));
        }
        return results;
    }

    public async Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string siloId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE reminders r SET claimed_by = $1, claim_expires = $2
            FROM (SELECT grain_type, grain_key, name FROM reminders
                  WHERE due_at <= $3 AND (claim_expires IS NULL OR claim_expires < $3)
                  ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) d
            WHERE r.grain_type = d.grain_type AND r.grain_key = d.grain_key AND r.name = d.name
            RETURNING r.grain_type, r.grain_key, r.name, r.due_at
            """);
        AddParameters(command.Parameters, siloId, (now + lease).ToUniversalTime(), now.ToUniversalTime(), max);
        var results = new List<DueReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new DueReminder(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), siloId));
        }
        return results;
    }

    public async Task CompleteReminderAsync(DueReminder reminder, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND due_at = $4 AND claimed_by = $5");
        AddParameters(command.Parameters, reminder.GrainId.Type, reminder.GrainId.Key, reminder.Name, reminder.DueAt.ToUniversalTime(), reminder.ClaimedBy);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxEnvelope>> ClaimOutboxAsync(string siloId, IReadOnlyCollection<string> topics, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        if (topics.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox o SET claimed_by = $1, claim_expires = $2
            FROM (SELECT id FROM outbox
                  WHERE due_at <= $3 AND (claim_expires IS NULL OR claim_expires < $3) AND topic = ANY($5)
                  ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) d
            WHERE o.id = d.id
            RETURNING o.id, o.grain_type, o.grain_key, o.topic, o.payload, o.created_at, o.attempts, o.trace_context
            """);
        AddParameters(command.Parameters, siloId, (now + lease).ToUniversalTime(), now.ToUniversalTime(), max, topics.ToArray());
        var results = new List<OutboxEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new OutboxEnvelope(reader.GetInt64(0), new GrainId(reader.GetString(1), reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), NullableString(reader, 7)));
        }
        return results;
    }

    public async Task CompleteOutboxAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox WHERE id = $1");
        AddParameters(command.Parameters, id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RescheduleOutboxAsync(long id, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE outbox SET due_at = $2, attempts = attempts + 1, last_error = $3, claimed_by = NULL, claim_expires = NULL WHERE id = $1");
        AddParameters(command.Parameters, id, dueAt.ToUniversalTime(), (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<OutboxStats> GetOutboxStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT COUNT(*), MIN(created_at) FROM outbox");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxStats(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static NpgsqlBatchCommand AuditCommand(AuditEntry entry) => Command(
        "INSERT INTO audit_events (at, tenant_id, user_id, actor, action, method, outcome, source_ip, user_agent, trace_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        entry.At.ToUniversalTime(), entry.TenantId, Nullable(entry.UserId), entry.Actor, entry.Action, Nullable(entry.Method), entry.Outcome,
        Nullable(entry.SourceIp), Nullable(entry.UserAgent), Nullable(entry.TraceId), Nullable(entry.Details));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddParameters(command.Parameters, values);
        return command;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values)
        {
            // A DBNull goes out untyped, so PostgreSQL infers the column's type.
            parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
