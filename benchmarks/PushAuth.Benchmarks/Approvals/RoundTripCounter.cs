using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PushAuth.Persistence.Sqlite;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>Storage round trips during a run, counted at the store: PostgreSQL's committed transactions of the
/// database (every statement of the providers is its own transaction, membership and reminders included), or
/// the SQLite writer's transactions plus its reads. Azure Table has no such counter here.</summary>
public sealed class RoundTripCounter(BenchCluster cluster, string? postgresConnectionString)
{
    private long _start;

    public string Describe => postgresConnectionString is not null ? "PostgreSQL transactions, from pg_stat_database"
        : "SQLite writer transactions plus reads";

    public async Task StartAsync(CancellationToken cancellationToken) => _start = await ReadAsync(cancellationToken) ?? 0;

    public async Task<long?> StopAsync(CancellationToken cancellationToken) => await ReadAsync(cancellationToken) is { } end ? end - _start : null;

    private async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        if (postgresConnectionString is not null)
        {
            await using var connection = new NpgsqlConnection(postgresConnectionString);
            await connection.OpenAsync(cancellationToken);
            // Our own query counts once; the statistics lag by up to PGSTAT_MIN_INTERVAL, so force a flush first.
            await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection))
            {
                await flush.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        if (cluster.Services.FirstOrDefault()?.GetService<SqliteDatabase>() is { } sqlite)
        {
            var stats = sqlite.Statistics;
            return stats.Transactions + stats.Reads;
        }
        return null;
    }
}
