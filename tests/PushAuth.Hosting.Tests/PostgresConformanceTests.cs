using Microsoft.Extensions.Options;
using Npgsql;
using PushAuth.Hosting.Storage;
using PushAuth.Hosting.Tests.TestGrains;
using PushAuth.Hosting.Postgres;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Hosting.Tests;

public sealed class PostgresConformanceTests : StorageConformanceTests
{
    private string _connectionString = "";
    private PostgresGrainStorage? _storage;

    protected override IGrainStorage CurrentStorage => _storage!;

    public override async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        _connectionString = await server.CreateDatabaseAsync("conf");
        _storage = (PostgresGrainStorage)await CreateStorageAsync();
    }

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString);
        Track(dataSource);
        var storage = new PostgresGrainStorage(dataSource, Options.Create(new PostgresStorageOptions { ConnectionString = _connectionString }));
        await storage.InitializeAsync();
        return storage;
    }

    protected override Task<TestSilo> StartSiloCoreAsync(SiloShared shared) => TestSilo.StartPostgresAsync(_connectionString, shared);

    [Fact]
    public async Task Initialize_ManySilosAtOnce_MigratesOnce()
    {
        var storages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateStorageAsync()));

        await Task.WhenAll(storages.Select(s => s.InitializeAsync()));

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM schema_migrations");
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Notification_WriteOnOneSilo_WakesWaiterOnAnother()
    {
        var shared = new SiloShared();
        var writer = await StartSiloAsync(shared);
        var waiter = await StartSiloAsync(shared);
        await Poll.UntilAsync(() => waiter.Host.Services.GetService(typeof(PostgresNotificationListener)) is PostgresNotificationListener { IsListening: true });
        using var subscription = waiter.Bus.Subscribe("counter/cross");

        await writer.Factory.GetGrain<ICounterGrain>("cross").IncrementWithEffectsAsync("n", null);

        Assert.True(await subscription.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, await waiter.Factory.GetGrain<ICounterGrain>("cross").GetAsync());
    }

    [Fact]
    public async Task Grain_CachedOnTwoSilos_ReadsSeeOtherSilosWrites()
    {
        var shared = new SiloShared();
        var a = await StartSiloAsync(shared);
        var b = await StartSiloAsync(shared);
        Assert.Equal(0, await b.Factory.GetGrain<ICounterGrain>("seen").GetAsync());

        await a.Factory.GetGrain<ICounterGrain>("seen").IncrementAsync();

        Assert.Equal(1, await b.Factory.GetGrain<ICounterGrain>("seen").GetAsync());
    }

    [Fact]
    public async Task Outbox_ManyMessagesTwoSilos_EachHandledOnce()
    {
        var shared = new SiloShared();
        var a = await StartSiloAsync(shared);
        var b = await StartSiloAsync(shared);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? a : b).Factory.GetGrain<ICounterGrain>($"m{i}").IncrementWithEffectsAsync($"msg{i}", null)));

        await Poll.UntilAsync(() => shared.Outbox.Handled.Count >= 100);
        await Task.Delay(300);
        Assert.Equal(100, shared.Outbox.Handled.Count);
        Assert.Equal(100, shared.Outbox.Handled.Select(e => e.Payload).Distinct().Count());
    }

    [Fact]
    public async Task Silo_StartedBeforePostgresIsReachable_ReportsNotReadyThenRecovers()
    {
        var server = await PostgresServer.SharedAsync();
        // A database that does not exist yet stands for a server we cannot use yet.
        var name = "late_" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { Database = name }.ToString();
        var startTask = TestSilo.StartPostgresAsync(connectionString, new SiloShared());
        await Task.Delay(500);
        Assert.False(startTask.IsCompleted, "the silo must wait for storage");

        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var silo = await startTask;
        Track(silo);
        Assert.True(silo.Readiness.IsReady);
        Assert.Equal(1, await silo.Factory.GetGrain<ICounterGrain>("late").IncrementAsync());
    }
}
