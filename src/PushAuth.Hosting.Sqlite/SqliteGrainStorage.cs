using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode owned by exactly one silo (a lock file refuses a second).
/// Writes go through one connection, one at a time, which is how SQLite works anyway; reads use a small pool.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private readonly string _connectionString;
    private readonly FileStream _ownership;
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);

    public SqliteGrainStorage(IOptions<SqliteStorageOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, options.Value.FileName);
        var lockPath = DatabasePath + ".lock";
        try
        {
            // An exclusive OS lock for as long as this silo lives: SQLite storage is single-silo by design.
            _ownership = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The SQLite database '{DatabasePath}' is already in use by another silo (lock file '{lockPath}'). " +
                "SQLite storage serves one silo; run several silos on PostgreSQL (PushAuth:Storage:Provider=Postgres).", ex);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = false,
            Cache = SqliteCacheMode.Private,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    public string ProviderName => "sqlite";

    public bool IsShared => false;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);", cancellationToken).ConfigureAwait(false);
            using var current = connection.CreateCommand();
            current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
            var applied = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            for (var i = applied; i < SqliteSchema.Migrations.Length; i++)
            {
                using var tx = connection.BeginTransaction();
                await ExecuteAsync(connection, SqliteSchema.Migrations[i], cancellationToken, tx).ConfigureAwait(false);
                await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({i + 1}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()});", cancellationToken, tx).ConfigureAwait(false);
                tx.Commit();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<StoredGrainState?> ReadAsync(GrainId grainId, long? knownVersion = null, CancellationToken cancellationToken = default)
    {
        var connection = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, schema_version, CASE WHEN version = $known THEN NULL ELSE payload END FROM grain_state WHERE grain_type = $type AND grain_key = $key;";
            command.Parameters.AddWithValue("$known", (object?)knownVersion ?? DBNull.Value);
            command.Parameters.AddWithValue("$type", grainId.Type);
            command.Parameters.AddWithValue("$key", grainId.Key);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return knownVersion is 0 ? new StoredGrainState(0, 0, null, Unchanged: true) : null;
            }
            var version = reader.GetInt64(0);
            return new StoredGrainState(version, reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), Unchanged: version == knownVersion);
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public async Task<long> WriteAsync(GrainWriteBatch batch, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var tx = connection.BeginTransaction();
            var now = batch.Now.ToUnixTimeMilliseconds();
            var state = WriterCommand(connection, tx, batch.ExpectedVersion == 0
                ? "INSERT INTO grain_state (grain_type, grain_key, version, schema_version, payload, updated_at) VALUES ($type, $key, 1, $schema, $payload, $now) ON CONFLICT DO NOTHING;"
                : "UPDATE grain_state SET version = version + 1, schema_version = $schema, payload = $payload, updated_at = $now WHERE grain_type = $type AND grain_key = $key AND version = $expected;");
            state.Parameters.AddWithValue("$type", batch.GrainId.Type);
            state.Parameters.AddWithValue("$key", batch.GrainId.Key);
            state.Parameters.AddWithValue("$schema", batch.SchemaVersion);
            state.Parameters.AddWithValue("$payload", (object?)batch.Payload ?? DBNull.Value);
            state.Parameters.AddWithValue("$now", now);
            if (batch.ExpectedVersion != 0)
            {
                state.Parameters.AddWithValue("$expected", batch.ExpectedVersion);
            }
            if (await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                tx.Rollback();
                throw new InconsistentStateException(batch.GrainId, batch.ExpectedVersion, await StoredVersionAsync(connection, batch.GrainId, cancellationToken).ConfigureAwait(false));
            }
            foreach (var message in batch.Outbox)
            {
                var insert = WriterCommand(connection, tx, "INSERT INTO outbox (grain_type, grain_key, topic, payload, trace_context, created_at, due_at, claimed_by, claim_expires) VALUES ($type, $key, $topic, $payload, $trace, $now, $due, $claimedBy, $claimExpires) RETURNING id;");
                var claim = batch.ClaimTopics?.Contains(message.Topic) == true && (message.DueAt is null || message.DueAt <= batch.Now);
                insert.Parameters.AddWithValue("$type", batch.GrainId.Type);
                insert.Parameters.AddWithValue("$key", batch.GrainId.Key);
                insert.Parameters.AddWithValue("$topic", message.Topic);
                insert.Parameters.AddWithValue("$payload", message.Payload);
                insert.Parameters.AddWithValue("$trace", (object?)message.TraceContext ?? DBNull.Value);
                insert.Parameters.AddWithValue("$now", now);
                insert.Parameters.AddWithValue("$due", (message.DueAt ?? batch.Now).ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$claimedBy", claim ? batch.SiloId : DBNull.Value);
                insert.Parameters.AddWithValue("$claimExpires", claim ? (batch.Now + batch.ClaimLease).ToUnixTimeMilliseconds() : DBNull.Value);
                batch.InsertedOutboxIds.Add(Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture));
            }
            foreach (var change in batch.Reminders)
            {
                var reminder = WriterCommand(connection, tx, change.DueAt is null
                    ? "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name;"
                    : "INSERT INTO reminders (grain_type, grain_key, name, due_at) VALUES ($type, $key, $name, $due) ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, claimed_by = NULL, claim_expires = NULL;");
                reminder.Parameters.AddWithValue("$type", batch.GrainId.Type);
                reminder.Parameters.AddWithValue("$key", batch.GrainId.Key);
                reminder.Parameters.AddWithValue("$name", change.Name);
                if (change.DueAt is { } due)
                {
                    reminder.Parameters.AddWithValue("$due", due.ToUnixTimeMilliseconds());
                }
                await reminder.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await InsertAuditAsync(connection, tx, batch.Audit, cancellationToken).ConfigureAwait(false);
            tx.Commit();
            return batch.ExpectedVersion + 1;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var tx = connection.BeginTransaction();
            await InsertAuditAsync(connection, tx, entries, cancellationToken).ConfigureAwait(false);
            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var connection = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT id, at, tenant_id, user_id, actor, action, method, outcome, source_ip, user_agent, trace_id, details FROM audit_events WHERE tenant_id = $tenant");
            command.Parameters.AddWithValue("$tenant", query.TenantId);
            if (query.UserId is not null)
            {
                sql.Append(" AND user_id = $user");
                command.Parameters.AddWithValue("$user", query.UserId);
            }
            if (query.Action is not null)
            {
                sql.Append(" AND action = $action");
                command.Parameters.AddWithValue("$action", query.Action);
            }
            if (query.Since is not null)
            {
                sql.Append(" AND at >= $since");
                command.Parameters.AddWithValue("$since", query.Since.Value.ToUnixTimeMilliseconds());
            }
            if (query.BeforeId is not null)
            {
                sql.Append(" AND id < $before");
                command.Parameters.AddWithValue("$before", query.BeforeId.Value);
            }
            sql.Append(" ORDER BY id DESC LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 1000));
            command.CommandText = sql.ToString();
            var results = new List<AuditRecord>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                results.Add(new AuditRecord(reader.GetInt64(0), new AuditEntry(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), NullableString(reader, 3), reader.GetString(4),
                    reader.GetString(5), NullableString(reader, 6), reader.GetString(7), NullableString(reader, 8), NullableString(reader, 9),
                    NullableString(reader, 10), NullableString(reader, 11))));
            }
            return results;
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public async Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string siloId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE reminders SET claimed_by = $silo, claim_expires = $expires
                WHERE rowid IN (SELECT rowid FROM reminders WHERE due_at <= $now AND (claim_expires IS NULL OR claim_expires < $now) ORDER BY due_at LIMIT $max)
                RETURNING grain_type, grain_key, name, due_at;
                """;
            command.Parameters.AddWithValue("$silo", siloId);
            command.Parameters.AddWithValue("$expires", (now + lease).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var results = new List<DueReminder>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                results.Add(new DueReminder(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), siloId));
            }
            return results;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task CompleteReminderAsync(DueReminder reminder, CancellationToken cancellationToken = default) =>
        WriteCommandAsync(
            "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name AND due_at = $due AND claimed_by = $silo;",
            cancellationToken,
            ("$type", reminder.GrainId.Type), ("$key", reminder.GrainId.Key), ("$name", reminder.Name),
            ("$due", reminder.DueAt.ToUnixTimeMilliseconds()), ("$silo", reminder.ClaimedBy));

    public async Task<IReadOnlyList<OutboxEnvelope>> ClaimOutboxAsync(string siloId, IReadOnlyCollection<string> topics, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        if (topics.Count == 0)
        {
            return [];
        }
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            var topicParameters = string.Join(", ", topics.Select((_, i) => $"$t{i}"));
            command.CommandText = $"""
                UPDATE outbox SET claimed_by = $silo, claim_expires = $expires
                WHERE id IN (SELECT id FROM outbox WHERE due_at <= $now AND (claim_expires IS NULL OR claim_expires < $now) AND topic IN ({topicParameters}) ORDER BY due_at LIMIT $max)
                RETURNING id, grain_type, grain_key, topic, payload, created_at, attempts, trace_context;
                """;
            var index = 0;
            foreach (var topic in topics)
            {
                command.Parameters.AddWithValue($"$t{index++}", topic);
            }
            command.Parameters.AddWithValue("$silo", siloId);
            command.Parameters.AddWithValue("$expires", (now + lease).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var results = new List<OutboxEnvelope>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                results.Add(new OutboxEnvelope(reader.GetInt64(0), new GrainId(reader.GetString(1), reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetInt32(6), NullableString(reader, 7)));
            }
            return results;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task CompleteOutboxAsync(long id, CancellationToken cancellationToken = default) =>
        WriteCommandAsync("DELETE FROM outbox WHERE id = $id;", cancellationToken, ("$id", id));

    public Task RescheduleOutboxAsync(long id, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken = default) =>
        WriteCommandAsync(
            "UPDATE outbox SET due_at = $due, attempts = attempts + 1, last_error = $error, claimed_by = NULL, claim_expires = NULL WHERE id = $id;",
            cancellationToken, ("$id", id), ("$due", dueAt.ToUnixTimeMilliseconds()), ("$error", error));

    public async Task<OutboxStats> GetOutboxStatsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*), MIN(created_at) FROM outbox;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new OutboxStats(reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public void Dispose()
    {
        foreach (var command in _writerCommands.Values)
        {
            command.Dispose();
        }
        _writer?.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
        _ownership.Dispose();
    }

    private async Task WriteCommandAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A prepared command on the writer connection, reused across writes (SQLite re-parses every new command).
    /// Only used under the write lock.</summary>
    private SqliteCommand WriterCommand(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        if (!_writerCommands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _writerCommands[sql] = command;
        }
        command.Parameters.Clear();
        command.Transaction = tx;
        return command;
    }

    private async Task InsertAuditAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            var command = WriterCommand(connection, tx, "INSERT INTO audit_events (at, tenant_id, user_id, actor, action, method, outcome, source_ip, user_agent, trace_id, details) VALUES ($at, $tenant, $user, $actor, $action, $method, $outcome, $ip, $ua, $trace, $details);");
            command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$tenant", entry.TenantId);
            command.Parameters.AddWithValue("$user", (object?)entry.UserId ?? DBNull.Value);
            command.Parameters.AddWithValue("$actor", entry.Actor);
            command.Parameters.AddWithValue("$action", entry.Action);
            command.Parameters.AddWithValue("$method", (object?)entry.Method ?? DBNull.Value);
            command.Parameters.AddWithValue("$outcome", entry.Outcome);
            command.Parameters.AddWithValue("$ip", (object?)entry.SourceIp ?? DBNull.Value);
            command.Parameters.AddWithValue("$ua", (object?)entry.UserAgent ?? DBNull.Value);
            command.Parameters.AddWithValue("$trace", (object?)entry.TraceId ?? DBNull.Value);
            command.Parameters.AddWithValue("$details", (object?)entry.Details ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long?> StoredVersionAsync(SqliteConnection connection, GrainId grainId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key;";
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> GetWriterAsync(CancellationToken cancellationToken) =>
        _writer ??= await OpenAsync(cancellationToken).ConfigureAwait(false);

    private async Task<SqliteConnection> RentReaderAsync(CancellationToken cancellationToken) =>
        _readers.TryTake(out var connection) ? connection : await OpenAsync(cancellationToken).ConfigureAwait(false);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
