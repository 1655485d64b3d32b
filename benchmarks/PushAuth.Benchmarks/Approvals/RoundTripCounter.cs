using Npgsql;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>Storage round trips during a window, counted by PostgreSQL itself: the database's committed and rolled-back
/// transactions from pg_stat_database (every statement of the providers is its own transaction, membership and
/// reminders included). SQLite and Azure Table have no such counter outside the silo.</summary>
public static class RoundTripCounter
{
    public const string Describe = "PostgreSQL transactions, from pg_stat_database";

    public static async Task<long> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Our own query counts once; the statistics lag by up to PGSTAT_MIN_INTERVAL, so force a flush first.
        await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection))
        {
            await flush.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The postmaster's pid: the parent of the backend serving this connection.</summary>
    public static async Task<int> PostmasterPidAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return Processes.ProcStat.Read(backend)?.ParentPid ?? throw new InvalidOperationException($"PostgreSQL backend {backend} not found in /proc");
    }
}
