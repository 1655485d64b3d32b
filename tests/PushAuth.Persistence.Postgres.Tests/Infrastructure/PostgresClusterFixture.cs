using Orleans.TestingHost;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>Three silos on a fresh database, shared by the tests of a class.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The first silo's services (its grain storages, reminder table, options).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("cluster");
        Cluster = TestClusters.Create(ConnectionString);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
