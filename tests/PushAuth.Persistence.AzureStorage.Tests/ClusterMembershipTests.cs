using Azure.Data.Tables;
using Orleans.Runtime;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Persistence.AzureStorage.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>Three silos meet through the Azure membership table and serve grains with state in Azure tables.</summary>
[Collection(AzureClusterCollection.Name)]
public sealed class ClusterMembershipTests(AzureClusterFixture fixture)
{
    [Fact]
    public async Task Deploy_ThreeSilos_AreActiveInTheMembershipTable()
    {
        var table = fixture.Table(fixture.Tables.ClusteringTableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {fixture.Cluster.Options.ClusterId} and Status eq {"Active"}");
        await Eventually.UntilAsync(async () =>
        {
            var active = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(filter))
            {
                active++;
            }
            return active == 3;
        }, TimeSpan.FromSeconds(30), "three Active silo rows in the membership table");

        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(3, (await management.GetHosts(onlyActive: true)).Count);
    }

    [Fact]
    public async Task Grains_OnEverySilo_ReadTheirWrites()
    {
        var silos = new HashSet<string>();
        for (var i = 0; i < 60 && silos.Count < 3; i++)
        {
            var grain = fixture.Cluster.Client.GetGrain<IStateGrain>($"spread-{i}");
            await grain.SetAsync($"v{i}");
            Assert.Equal($"v{i}", (await grain.GetAsync()).Value);
            silos.Add(await grain.GetSiloAsync());
        }
        Assert.Equal(3, silos.Count);
    }
}
