using Azure.Data.Tables;
using Orleans.TestingHost;
using PushAuth.Testing;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>Three silos on fresh Azurite tables, shared by the test classes of <see cref="AzureClusterCollection"/>.</summary>
public sealed class AzureClusterFixture : IAsyncLifetime, IClusterUnderTest
{
    private AzureClusterStore _store = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public AzureStorageOptions Tables => _store.Tables;

    public ClusterStore Store => _store;

    /// <summary>The first silo's services (its grain storage, reminder table, options).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    public TableClient Table(string name) => _store.Table(name);

    /// <summary>Fresh tables on the shared Azurite (a new prefix); <paramref name="name"/> is not needed there.</summary>
    public async Task<ClusterStore> NewStoreAsync(string name) =>
        new AzureClusterStore((await AzuriteServer.SharedAsync()).ConnectionString, TestClusters.NewTablePrefix());

    public async Task InitializeAsync()
    {
        ConnectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        _store = (AzureClusterStore)await NewStoreAsync("cluster");
        Cluster = _store.CreateCluster();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
