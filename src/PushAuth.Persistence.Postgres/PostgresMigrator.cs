using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PushAuth.Persistence.Postgres;

/// <summary>
/// Brings a database to the newest schema (<see cref="PostgresMigrations.All"/>): each missing step runs once, in one
/// transaction, under an advisory lock, so silos starting together agree and a failed step leaves nothing behind.
/// While PostgreSQL is unreachable it retries with backoff for <c>StartupTimeout</c>, then fails.
/// </summary>
public sealed partial class PostgresMigrator(
    NpgsqlDataSource dataSource,
    TimeSpan startupTimeout,
    TimeProvider timeProvider,
    ILogger<PostgresMigrator> logger)
{
    // Any constant works as long as every PushAuth silo uses the same one: "PushAuth" in ASCII.
    private const long AdvisoryLockKey = 0x5075736841757468;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private volatile bool _upToDate;

    /// <summary>Applies the missing steps; returns how many this call applied (0 when another silo got there first).</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (_upToDate)
        {
            return 0;
        }
        var started = Stopwatch.GetTimestamp();
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS pushauth_schema_migrations
            (
                version    integer PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM pushauth_schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var count = 0;
        foreach (var migration in PostgresMigrations.All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO pushauth_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogMigrationApplied(migration.Version, migration.Name);
            count++;
        }
        await transaction.CommitAsync(cancellationToken);

        var newest = PostgresMigrations.All[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
        {
            LogNewerSchema(applied.Max(), newest);
        }
        LogSchemaUpToDate(newest, count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _upToDate = true;
        return count;
    }

    private async Task<NpgsqlConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var started = timeProvider.GetTimestamp();
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                var remaining = startupTimeout - timeProvider.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    LogGaveUp(target.Host, target.Port, attempt, startupTimeout.TotalSeconds);
                    throw new PostgresUnavailableException(
                        $"PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}') was not reachable for {startupTimeout.TotalSeconds:0.#} s " +
                        $"({attempt} attempts, last error: {e.Message}). Check {PostgresStorageOptions.SectionName}:ConnectionString and that the server is up; " +
                        $"{PostgresStorageOptions.SectionName}:StartupTimeout sets how long a starting silo waits.", e);
                }
                var wait = delay < remaining ? delay : remaining;
                LogUnreachable(target.Host, target.Port, e.Message, wait.TotalMilliseconds, remaining.TotalSeconds);
                await Task.Delay(wait, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (NpgsqlException e) when (!IsTransient(e))
            {
                // Wrong password, missing database, no permission, TLS misconfiguration: waiting will not fix these.
                throw new PostgresUnavailableException(
                    $"PostgreSQL at {target.Host}:{target.Port} refused the connection to database '{target.Database}': {e.Message} " +
                    $"Check {PostgresStorageOptions.SectionName}:ConnectionString.", e);
            }
        }
    }

    // Connection refused, DNS not resolving yet, timeouts, "the database system is starting up", too many connections.
    private static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
