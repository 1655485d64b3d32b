using System.Globalization;
using Azure.Data.Tables;
using Orleans.Runtime;
using Orleans.TestingHost;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>One set of Azurite tables (one prefix) as a cluster's store: Azure Table membership (a partition per
/// cluster id, Status "Active" or "Dead") and reminders (rows whose GrainReference ends with the grain's key).</summary>
public sealed class AzureClusterStore(string connectionString, string tablePrefix) : ClusterStore
{
    public AzureStorageOptions Tables { get; } = new() { TablePrefix = tablePrefix };

    public override TestCluster CreateCluster(short silos = 3, string? serviceId = null, string? clusterId = null, bool fastFailureDetection = false) =>
        TestClusters.Create(connectionString, tablePrefix, silos, serviceId, clusterId, fastFailureDetection);

    public override async Task<int> ActiveSilosAsync(string clusterId)
    {
        var active = 0;
        await foreach (var _ in Table(Tables.ClusteringTableName).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {clusterId} and Status eq {"Active"}")))
        {
            active++;
        }
        return active;
    }

    public override async Task<bool> IsDeadAsync(string clusterId, SiloAddress silo)
    {
        await foreach (var row in Table(Tables.ClusteringTableName).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clusterId}")))
        {
            if (row.GetString("Port") == silo.Endpoint.Port.ToString(CultureInfo.InvariantCulture)
                && row.GetString("Generation") == silo.Generation.ToString(CultureInfo.InvariantCulture))
            {
                return row.GetString("Status") == "Dead";
            }
        }
        return false;
    }

    public override async Task<long> ReminderRowsAsync(IReadOnlyCollection<string> grainKeys)
    {
        var count = 0L;
        await foreach (var row in Table(Tables.RemindersTableName).QueryAsync<TableEntity>(select: ["GrainReference"]))
        {
            if (grainKeys.Any(g => row.GetString("GrainReference")?.EndsWith(g, StringComparison.Ordinal) == true))
            {
                count++;
            }
        }
        return count;
    }

    public TableClient Table(string name) => new TableServiceClient(connectionString).GetTableClient(name);
}
