using Npgsql;
using Orleans.Runtime;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Persistence.Postgres.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>Three silos meet through the ADO.NET membership table and serve grains with state on PostgreSQL.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterMembershipTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Deploy_ThreeSilos_AreActiveInTheMembershipTable()
    {
        var clusterId = fixture.Cluster.Options.ClusterId;
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await Eventually.UntilAsync(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3", connection)
            {
                Parameters = { new() { Value = clusterId } },
            };
            return (long)(await command.ExecuteScalarAsync())! == 3;
        }, TimeSpan.FromSeconds(30), "three Active rows in orleans_membership");

        await using var version = new NpgsqlCommand("SELECT version FROM orleans_membership_version WHERE deployment_id = $1", connection)
        {
            Parameters = { new() { Value = clusterId } },
        };
        // Each join is at least an insert and an update to Active, each bumping the table version.
        Assert.True((int)(await version.ExecuteScalarAsync())! >= 6);

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
