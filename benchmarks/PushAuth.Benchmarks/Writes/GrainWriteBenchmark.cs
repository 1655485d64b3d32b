using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using PushAuth.Grains.Storage;
using PushAuth.Persistence.Postgres;
using PushAuth.Persistence.Sqlite;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.Writes;

/// <summary>
/// The same write loop (32 callers, 1,000 keys, a ~230-byte state, one durable write per call) through an Orleans grain
/// and its storage provider, and through the bare database client: Orleans' overhead as a ratio. PostgreSQL runs on
/// Orleans' ADO.NET provider against raw Npgsql doing a prepared compare-and-set UPDATE; SQLite runs on our provider
/// against raw Microsoft.Data.Sqlite doing the same UPDATE on one connection (SQLite has one writer).
/// </summary>
public static class GrainWriteBenchmark
{
    private const int Callers = 32;
    private const int Keys = 1000;

    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new BenchCounterState(), JsonGrainStateSerializer.Options);

        var directory = Path.Combine(Path.GetTempPath(), "pushauth-writes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var rawSqlite = await RawSqliteAsync(Path.Combine(directory, "raw.db"), payload, duration, cancellationToken);
        var orleansSqlite = await OrleansAsync(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), 0);
            silo.UseSqliteStorage(StorageNames.Default, o => o.DataDirectory = Path.Combine(directory, "orleans"));
        }, duration);
        rows.Add(Row("SQLite", rawSqlite, orleansSqlite));

        await using var server = await PostgresServer.StartDedicatedAsync(durable: true);
        var rawDb = await server.CreateDatabaseAsync("rawwrites", cancellationToken);
        var rawPostgres = await RawPostgresAsync(rawDb, payload, duration, cancellationToken);
        var orleansDb = await server.CreateDatabaseAsync("orleanswrites", cancellationToken);
        var orleansPostgres = await OrleansAsync(silo =>
        {
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = FreePort();
                o.GatewayPort = 0;
                o.AdvertisedIPAddress = System.Net.IPAddress.Loopback;
            });
            silo.UsePushAuthPostgres(o =>
            {
                o.ConnectionString = orleansDb;
                o.StorageName = StorageNames.Default;
            });
        }, duration);
        rows.Add(Row("PostgreSQL", rawPostgres, orleansPostgres));

        output.WriteLine($"Grain write loop ({duration.TotalSeconds:0} s, {Callers} callers, {Keys} keys, ~230-byte state, durable commits, {Environment.ProcessorCount} cores)");
        output.WriteLine();
        output.WriteLine("| engine | raw client writes/s | p99 ms | Orleans grain writes/s | p99 ms | raw / Orleans |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(output.WriteLine);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Row(string engine, LoadResult raw, LoadResult orleans) =>
        $"| {engine} | {raw.PerSecond:N0} | {raw.P99Ms:0.0} | {orleans.PerSecond:N0} | {orleans.P99Ms:0.0} | {raw.PerSecond / orleans.PerSecond:0.00} |";

    /// <param name="storage">Clustering and grain storage of the silo.</param>
    private static async Task<LoadResult> OrleansAsync(Action<ISiloBuilder> storage, TimeSpan duration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Orleans.Storage.IGrainStorageSerializer, JsonGrainStateSerializer>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "writes";
                o.ServiceId = "writes-" + Guid.NewGuid().ToString("N")[..8];
            });
            storage(silo);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var result = await LoadRunner.RunAsync(Callers, duration, async worker =>
            await grains.GetGrain<IBenchCounterGrain>("k" + ((worker + (Callers * Random.Shared.Next(Keys / Callers))) % Keys)).IncrementAsync());
        await host.StopAsync();
        return result;
    }

    private static async Task<LoadResult> RawPostgresAsync(string connectionString, byte[] payload, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var create = source.CreateCommand("CREATE TABLE bench (id int PRIMARY KEY, payload bytea NOT NULL, version int NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var fill = source.CreateCommand("INSERT INTO bench SELECT g, $1, 0 FROM generate_series(0, $2 - 1) g"))
        {
            fill.Parameters.AddWithValue(payload);
            fill.Parameters.AddWithValue(Keys);
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }
        // Each caller owns its keys, so the compare-and-set never loses: the same work a grain write does.
        var versions = new int[Keys];
        return await LoadRunner.RunAsync(Callers, duration, async worker =>
        {
            var key = (worker + (Callers * Random.Shared.Next(Keys / Callers))) % Keys;
            await using var command = source.CreateCommand("UPDATE bench SET payload = $1, version = version + 1 WHERE id = $2 AND version = $3");
            command.Parameters.AddWithValue(payload);
            command.Parameters.AddWithValue(key);
            command.Parameters.AddWithValue(versions[key]);
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException("lost a compare-and-set");
            }
            versions[key]++;
        });
    }

    private static async Task<LoadResult> RawSqliteAsync(string path, byte[] payload, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE bench (id INTEGER PRIMARY KEY, payload BLOB NOT NULL, version INTEGER NOT NULL);");
        using (var fill = connection.CreateCommand())
        {
            fill.CommandText = "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < $n - 1) INSERT INTO bench SELECT i, $p, 0 FROM g";
            fill.Parameters.AddWithValue("$n", Keys);
            fill.Parameters.AddWithValue("$p", payload);
            fill.ExecuteNonQuery();
        }
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE bench SET payload = $p, version = version + 1 WHERE id = $id AND version = $v";
        var p = update.Parameters.Add("$p", SqliteType.Blob);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        var v = update.Parameters.Add("$v", SqliteType.Integer);
        update.Prepare();
        var versions = new int[Keys];
        var gate = new SemaphoreSlim(1, 1);
        // One connection, one writer, each statement its own durable commit: what a bare SQLite write loop gets.
        return await LoadRunner.RunAsync(Callers, duration, async worker =>
        {
            var key = (worker + (Callers * Random.Shared.Next(Keys / Callers))) % Keys;
            await gate.WaitAsync(cancellationToken);
            try
            {
                p.Value = payload;
                id.Value = key;
                v.Value = versions[key];
                if (update.ExecuteNonQuery() != 1)
                {
                    throw new InvalidOperationException("lost a compare-and-set");
                }
                versions[key]++;
            }
            finally
            {
                gate.Release();
            }
        });
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
