using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>
/// Orleans' reminder table on the silo's <see cref="SqliteDatabase"/>. Rows are keyed by service id, grain id and
/// reminder name and indexed by <see cref="GrainId.GetUniformHashCode"/> for the range reads of the reminder
/// service (begin exclusive, end inclusive, wrapping around when begin ≥ end). ETags come from one counter of the
/// database, so an ETag is never reused, not even by a reminder removed and registered again.
/// </summary>
public sealed partial class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, version";
    private const string ReadGrainSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;";
    private const string ReadRowSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name;";
    private const string ReadRangeSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end;";
    private const string ReadWrappedSql = $"""
        SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin
        UNION ALL
        SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash <= $end;
        """;
    private const string NextETagSql = "UPDATE counters SET value = value + 1 WHERE name = 'reminder_etag' RETURNING value;";
    private const string UpsertSql = """
        INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, version)
        VALUES ($service, $grain, $name, $hash, $start, $period, $version)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, version = excluded.version;
        """;
    private const string RemoveSql = "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version;";
    private const string ClearSql = "DELETE FROM reminders WHERE service_id = $service;";

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteReminderTable> _logger;
    private readonly string _serviceId;

    public SqliteReminderTable(SqliteDatabase database, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        _database = database;
        _serviceId = clusterOptions.Value.ServiceId ?? "";
        _logger = logger;
    }

    /// <summary>The schema is created when the database opens; nothing more to start.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        _database.ReadAsync(session => ReadMany(session.Command(ReadGrainSql).With("$service", _serviceId).With("$grain", grainId.ToString())), CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        _database.ReadAsync(session => ReadMany(session.Command(begin < end ? ReadRangeSql : ReadWrappedSql)
            .With("$service", _serviceId).With("$begin", (long)begin).With("$end", (long)end)), CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        _database.ReadAsync(session =>
        {
            using var reader = session.Command(ReadRowSql).With("$service", _serviceId).With("$grain", grainId.ToString()).With("$name", reminderName).ExecuteReader();
            return reader.Read() ? ToEntry(reader) : null;
        }, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var grainId = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        var start = ToUtc(entry.StartAt).Ticks;
        var period = entry.Period.Ticks;
        return _database.WriteAsync<string?>(session =>
        {
            var version = (long)session.Command(NextETagSql).ExecuteScalar()!;
            session.Command(UpsertSql)
                .With("$service", _serviceId).With("$grain", grainId).With("$name", entry.ReminderName)
                .With("$hash", hash).With("$start", start).With("$period", period).With("$version", version)
                .ExecuteNonQuery();
            return version.ToString(CultureInfo.InvariantCulture);
        }, CancellationToken.None);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            LogRemoveStale(grainId, reminderName, eTag);
            return false;
        }
        var removed = await _database.WriteAsync(session => session.Command(RemoveSql)
            .With("$service", _serviceId).With("$grain", grainId.ToString()).With("$name", reminderName).With("$version", version)
            .ExecuteNonQuery() == 1, CancellationToken.None).ConfigureAwait(false);
        if (!removed)
        {
            LogRemoveStale(grainId, reminderName, eTag);
        }
        return removed;
    }

    public Task TestOnlyClearTable() =>
        _database.WriteAsync(session => session.Command(ClearSql).With("$service", _serviceId).ExecuteNonQuery(), CancellationToken.None);

    private static ReminderTableData ReadMany(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(ToEntry(reader));
        }
        return new ReminderTableData(entries);
    }

    private static ReminderEntry ToEntry(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
    };

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
