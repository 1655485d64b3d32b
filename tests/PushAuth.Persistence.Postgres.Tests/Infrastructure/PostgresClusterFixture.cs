using Orleans.TestingHost;
using PushAuth.Testing;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>Three silos on a fresh database, shared by the tests of a class.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime, IClusterUnderTest
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public ClusterStore Store { get; private set; } = null!;

    /// <summary>The first silo's services (its grain storages, reminder table, options).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    public async Task<ClusterStore> NewStoreAsync(string name) =>
        new PostgresClusterStore(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(name));

    public async Task InitializeAsync()
    {
        var store = (PostgresClusterStore)await NewStoreAsync("cluster");
        (Store, ConnectionString) = (store, store.ConnectionString);
        Cluster = store.CreateCluster();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
