using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

public sealed class SqliteSiloTests : IDisposable
{
    private const string ServiceId = "pushauth-sqlite-silo-tests";
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PersistentState_ClusterRestartOnSameDirectory_IsKept()
    {
        var cluster = await StartClusterAsync();
        try
        {
            var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("visits");
            for (var i = 0; i < 3; i++)
            {
                await counter.IncrementAsync();
            }
        }
        finally
        {
            await StopAsync(cluster);
        }

        var restarted = await StartClusterAsync();
        try
        {
            var counter = restarted.GrainFactory.GetGrain<ICounterGrain>("visits");
            Assert.Equal(3, await counter.GetAsync());
            Assert.Equal(4, await counter.IncrementAsync());
            var database = DatabaseOf(restarted);
            var payload = (byte[])(await TestStorage.ScalarAsync(database, "SELECT payload FROM grain_state WHERE grain_key = 'visits' AND service_id = $service;", ("$service", ServiceId)))!;
            Assert.Equal("{\"Count\":4}", System.Text.Encoding.UTF8.GetString(payload));
        }
        finally
        {
            await StopAsync(restarted);
        }
    }

    [Fact]
    public async Task Reminder_RegisteredByGrain_FiresAndIsStoredInSqlite()
    {
        var cluster = await StartClusterAsync();
        try
        {
            var probe = cluster.GrainFactory.GetGrain<IReminderProbeGrain>("probe-1");
            await probe.RegisterAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

            var database = DatabaseOf(cluster);
            Assert.Equal(1L, await TestStorage.ScalarAsync(database,
                "SELECT COUNT(*) FROM reminders WHERE reminder_name = 'probe' AND service_id = $service;", ("$service", ServiceId)));
            var waited = Stopwatch.StartNew();
            while (await probe.GetTicksAsync() == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the reminder did not fire within 60 s");
                await Task.Delay(200);
            }

            await probe.UnregisterAsync();
            Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM reminders WHERE service_id = $service;", ("$service", ServiceId)));
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [Fact]
    public async Task Silo_DirectoryOwnedByAnotherProcess_FailsToStartWithTheLockMessage()
    {
        await using var owner = TestStorage.OpenDatabase(_directory.Path);
        var cluster = Build();
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

            Assert.Contains("is in use by another silo", Flatten(error));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Silo_NoDataDirectory_FailsToStartNamingTheKey()
    {
        var cluster = Build(dataDirectory: "");
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

            Assert.Contains("PushAuth:Storage:DataDirectory is required", Flatten(error));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private TestCluster Build(string? dataDirectory = null)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Properties[$"{SqliteStorageOptions.SectionName}:{nameof(SqliteStorageOptions.DataDirectory)}"] = dataDirectory ?? _directory.Path;
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        return builder.Build();
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var cluster = Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    private static SqliteDatabase DatabaseOf(TestCluster cluster) =>
        (cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test silo runs in process."))
            .SiloHost.Services.GetRequiredService<SqliteDatabase>();

    private static string Flatten(Exception error) => error is AggregateException aggregate
        ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
        : error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
