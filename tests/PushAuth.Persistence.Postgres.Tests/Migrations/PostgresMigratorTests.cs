using System.Diagnostics;
using Npgsql;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests.Migrations;

public sealed class PostgresMigratorTests
{
    // The keys ORLEANS.md lists for the three providers (checked on this machine against 10.4.2).
    private static readonly string[] KeysInOrleansMd =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryStepInOrder()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        Assert.Equal(PostgresMigrations.All.Count, await Migrator(dataSource).MigrateAsync());

        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), await AppliedVersionsAsync(dataSource));
    }

    [Fact]
    public async Task MigrateAsync_Twice_SecondAppliesNothing()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator(dataSource).MigrateAsync();

        Assert.Equal(0, await Migrator(dataSource).MigrateAsync());
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), await AppliedVersionsAsync(dataSource));
    }

    [Fact]
    public async Task MigrateAsync_FromTwoTasksAtOnce_AppliesEachStepOnce()
    {
        var connectionString = await NewDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var applied = await Task.WhenAll(
            Task.Run(() => Migrator(first).MigrateAsync()),
            Task.Run(() => Migrator(second).MigrateAsync()));

        Assert.Equal(PostgresMigrations.All.Count, applied.Sum());
        Assert.Contains(0, applied);
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), await AppliedVersionsAsync(first));
    }

    [Fact]
    public async Task MigrateAsync_OrleansQuery_HoldsEveryKeyTheThreeProvidersRequire()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator(dataSource).MigrateAsync();

        var stored = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }
        Assert.Equal(KeysInOrleansMd.Order(), stored.Order());
        Assert.Equal(KeysInOrleansMd.Order(), PostgresMigrations.OrleansQueryKeys.Order());
    }

    [Fact]
    public async Task MigrateAsync_PostgresUnreachable_RetriesThenFailsNamingTheSetting()
    {
        await using var nothing = new DelayedTcpForwarder(targetPort: 1); // never started: connections are refused
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={nothing.Port};Username=postgres;Database=none");
        var logger = new ListLogger<PostgresMigrator>();
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => Migrator(dataSource, TimeSpan.FromSeconds(1.5), logger).MigrateAsync());

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(15));
        Assert.Contains("not reachable", error.Message);
        Assert.Contains("PushAuth:Storage:ConnectionString", error.Message);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 3101);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 3102);
    }

    [Fact]
    public async Task MigrateAsync_PostgresComesUpWhileWaiting_Succeeds()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await NewDatabaseAsync();
        await using var forwarder = new DelayedTcpForwarder(server.Port);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={forwarder.Port};Username=postgres;Database={database}");
        var logger = new ListLogger<PostgresMigrator>();

        var migration = Migrator(dataSource, TimeSpan.FromSeconds(30), logger).MigrateAsync();
        await Eventually.UntilAsync(() => logger.Entries.Any(e => e.EventId.Id == 3101), TimeSpan.FromSeconds(10), "a retry was logged");
        await forwarder.StartAsync();

        Assert.Equal(PostgresMigrations.All.Count, await migration);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMissing_FailsWithoutWaiting()
    {
        var server = await PostgresServer.SharedAsync();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionStringFor("no_such_database"));
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => Migrator(dataSource, TimeSpan.FromSeconds(60)).MigrateAsync());

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        Assert.Contains("3D000", error.Message);
        Assert.Contains("PushAuth:Storage:ConnectionString", error.Message);
    }

    private static async Task<string> NewDatabaseAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("migrate");

    private static PostgresMigrator Migrator(NpgsqlDataSource dataSource, TimeSpan? timeout = null, ListLogger<PostgresMigrator>? logger = null) =>
        new(dataSource, timeout ?? TimeSpan.FromSeconds(10), TimeProvider.System, logger ?? new ListLogger<PostgresMigrator>());

    private static async Task<List<int>> AppliedVersionsAsync(NpgsqlDataSource dataSource)
    {
        var versions = new List<int>();
        await using var command = dataSource.CreateCommand("SELECT version FROM pushauth_schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }
}
