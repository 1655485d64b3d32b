using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.Turns;

/// <summary>
/// Read-modify-write grain turns per second on SQLite and PostgreSQL, one and two silos on the same keys,
/// against the bare <c>UPDATE … WHERE version = @v</c> round trip on the same engine, same run.
/// </summary>
public static class GrainTurnBenchmark
{
    private const int Keys = 1_000;

    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        var root = Path.Combine(Path.GetTempPath(), "pushauth-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sqliteBare = await SqliteBareAsync(Path.Combine(root, "bare"), duration);
            if (Environment.GetEnvironmentVariable("PUSHAUTH_BENCH_SQLITE_ONLY") is not null)
            {
                await using var only = await BenchSilo.SqliteAsync(Path.Combine(root, "only"));
                var r = await TurnsAsync([only], validated: false, concurrency: 32, duration);
                output.WriteLine($"sqlite bare {sqliteBare.PerSecond:N0}/s, turns {r.PerSecond:N0}/s");
                return;
            }
            rows.Add(Row("SQLite", "bare UPDATE ... WHERE version (1 writer)", 1, sqliteBare, sqliteBare, 0));
            await using (var silo = await BenchSilo.SqliteAsync(Path.Combine(root, "silo")))
            {
                var result = await TurnsAsync([silo], validated: false, concurrency: 32, duration);
                rows.Add(Row("SQLite", "grain turn, 1 silo", 32, result, sqliteBare, silo.Runtime.ConflictCount));
            }

            await using var server = await PostgresServer.StartDedicatedAsync(durable: true);
            var bareDb = await CreateDatabaseAsync(server, "bare");
            var pgBare = await PostgresBareAsync(bareDb, concurrency: 32, duration);
            rows.Add(Row("PostgreSQL", "bare UPDATE ... WHERE version", 32, pgBare, pgBare, 0));
            foreach (var (silos, validated) in new[] { (1, false), (1, true), (2, false), (2, true) })
            {
                var db = await CreateDatabaseAsync(server, $"turns{silos}{(validated ? "v" : "")}");
                var instances = new List<BenchSilo>();
                for (var i = 0; i < silos; i++)
                {
                    instances.Add(await BenchSilo.PostgresAsync(db));
                }
                var result = await TurnsAsync(instances, validated, concurrency: 32, duration);
                var mode = validated ? "validated by write" : "re-read each turn";
                rows.Add(Row("PostgreSQL", $"grain turn, {silos} silo(s), {mode}", 32, result, pgBare, instances.Sum(s => s.Runtime.ConflictCount)));
                foreach (var instance in instances)
                {
                    await instance.DisposeAsync();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        output.WriteLine($"Grain turns ({duration.TotalSeconds:0} s each, {Keys} keys, {Environment.ProcessorCount} cores, durable commits)");
        output.WriteLine();
        output.WriteLine("| engine | scenario | clients | ops/s | bare/ours | conflicts per 1k turns | p50 ms | p99 ms |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static string[] Row(string engine, string scenario, int clients, LoadResult result, LoadResult bare, long conflicts) =>
    [
        engine, scenario, clients.ToString(CultureInfo.InvariantCulture), result.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
        (bare.PerSecond / result.PerSecond).ToString("0.00", CultureInfo.InvariantCulture),
        (conflicts * 1000.0 / Math.Max(1, result.Operations)).ToString("0.0", CultureInfo.InvariantCulture),
        result.P50Ms.ToString("0.00", CultureInfo.InvariantCulture), result.P99Ms.ToString("0.00", CultureInfo.InvariantCulture),
    ];

    private static Task<LoadResult> TurnsAsync(IReadOnlyList<BenchSilo> silos, bool validated, int concurrency, TimeSpan duration) =>
        LoadRunner.RunAsync(concurrency, duration, worker =>
        {
            var silo = silos[worker % silos.Count];
            var grain = silo.Factory.GetGrain<IBenchCounterGrain>("k" + Random.Shared.Next(Keys).ToString(CultureInfo.InvariantCulture));
            return validated ? grain.IncrementValidatedAsync() : grain.IncrementAsync();
        });

    private static async Task<LoadResult> SqliteBareAsync(string directory, TimeSpan duration)
    {
        Directory.CreateDirectory(directory);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "bare.db")};Pooling=false");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE bare (key TEXT PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID;";
            await setup.ExecuteNonQueryAsync();
        }
        var versions = new long[Keys];
        for (var i = 0; i < Keys; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO bare VALUES ('k{i}', 0, '')";
            await insert.ExecuteNonQueryAsync();
        }
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE bare SET version = version + 1, payload = $p WHERE key = $k AND version = $v";
        var k = update.Parameters.Add("$k", SqliteType.Text);
        var v = update.Parameters.Add("$v", SqliteType.Integer);
        update.Parameters.AddWithValue("$p", new string('x', 220));
        update.Prepare();
        // One writer, like the silo's single SQLite write connection.
        return await LoadRunner.RunAsync(1, duration, async _ =>
        {
            var key = Random.Shared.Next(Keys);
            k.Value = "k" + key.ToString(CultureInfo.InvariantCulture);
            v.Value = versions[key];
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("bare update lost its version");
            }
            versions[key]++;
        });
    }

    private static async Task<LoadResult> PostgresBareAsync(string connectionString, int concurrency, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString + ";Max Auto Prepare=8");
        await using (var setup = dataSource.CreateCommand("CREATE TABLE bare (key text PRIMARY KEY, version bigint NOT NULL, payload text NOT NULL); " +
            $"INSERT INTO bare SELECT 'k' || g, 0, '' FROM generate_series(0, {Keys - 1}) g;"))
        {
            await setup.ExecuteNonQueryAsync();
        }
        // Each client owns its own keys, so the baseline has no conflicts: the pure round-trip cost.
        var versions = new long[Keys];
        return await LoadRunner.RunAsync(concurrency, duration, async worker =>
        {
            var key = worker + (concurrency * Random.Shared.Next(Keys / concurrency));
            await using var command = dataSource.CreateCommand("UPDATE bare SET version = version + 1, payload = $3 WHERE key = $1 AND version = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = "k" + key.ToString(CultureInfo.InvariantCulture) });
            command.Parameters.Add(new NpgsqlParameter { Value = versions[key] });
            command.Parameters.Add(new NpgsqlParameter { Value = new string('x', 220) });
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("bare update lost its version");
            }
            versions[key]++;
        });
    }

    private static async Task<string> CreateDatabaseAsync(PostgresServer server, string name)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return server.ConnectionStringFor(name);
    }
}
