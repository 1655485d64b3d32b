using Azure.Data.Tables;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Persistence.AzureStorage.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests;

public sealed class SiloFailureTests
{
    [Fact]
    public async Task KillSilo_ItsGrains_ReactivateElsewhereWithTheirState()
    {
        var connectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        var tables = new AzureStorageOptions { TablePrefix = TestClusters.NewTablePrefix() };
        await using var cluster = TestClusters.Create(connectionString, tables.TablePrefix, 3, fastFailureDetection: true);
        await cluster.DeployAsync();

        var placed = new Dictionary<string, string>();
        for (var i = 0; i < 30; i++)
        {
            var grain = cluster.Client.GetGrain<IStateGrain>($"kill-{i}");
            await grain.SetAsync($"value {i}");
            placed[$"kill-{i}"] = await grain.GetSiloAsync();
        }
        var victim = cluster.Silos.First(s => placed.ContainsValue(s.SiloAddress.ToString()));
        var orphans = placed.Where(p => p.Value == victim.SiloAddress.ToString()).Select(p => p.Key).ToArray();

        await cluster.KillSiloAsync(victim);

        foreach (var key in orphans)
        {
            var grain = cluster.Client.GetGrain<IStateGrain>(key);
            TestState? state = null;
            await Eventually.UntilAsync(async () =>
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                    state = await grain.GetAsync(attempt.Token);
                    return true;
                }
                catch (Exception e) when (e is OperationCanceledException or TimeoutException or Orleans.Runtime.OrleansException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(90), $"{key} answers after its silo died");
            Assert.Equal($"value {key["kill-".Length..]}", state!.Value);
            Assert.NotEqual(victim.SiloAddress.ToString(), await grain.GetSiloAsync());
        }

        // The survivors keep serving the other grains and writing.
        foreach (var key in placed.Keys.Except(orphans).Take(5))
        {
            await cluster.Client.GetGrain<IStateGrain>(key).SetAsync("after the kill");
        }
        var membership = new TableServiceClient(connectionString).GetTableClient(tables.ClusteringTableName);
        await Eventually.UntilAsync(async () =>
        {
            await foreach (var row in membership.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {cluster.Options.ClusterId}")))
            {
                if (row.GetString("Port") == victim.SiloAddress.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    && row.GetString("Generation") == victim.SiloAddress.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return row.GetString("Status") == "Dead";
                }
            }
            return false;
        }, TimeSpan.FromSeconds(60), "the killed silo is Dead in the membership table");
        await cluster.StopAllSilosAsync();
    }
}
