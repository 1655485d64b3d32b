using Azure.Data.Tables;
using Orleans.TestingHost;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>Three silos on fresh Azurite tables, shared by the test classes of <see cref="AzureClusterCollection"/>.</summary>
public sealed class AzureClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public AzureStorageOptions Tables { get; private set; } = null!;

    /// <summary>The first silo's services (its grain storage, reminder table, options).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;

    public TableClient Table(string name) => new TableServiceClient(ConnectionString).GetTableClient(name);

    public async Task InitializeAsync()
    {
        ConnectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        Tables = new AzureStorageOptions { TablePrefix = TestClusters.NewTablePrefix() };
        Cluster = TestClusters.Create(ConnectionString, Tables.TablePrefix);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
