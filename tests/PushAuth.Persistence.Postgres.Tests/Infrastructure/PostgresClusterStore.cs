using Npgsql;
using Orleans.Runtime;
using Orleans.TestingHost;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>One PostgreSQL database as a cluster's store: ADO.NET membership (<c>orleans_membership</c>, status 3 is
/// Active and 6 Dead) and reminders (<c>orleans_reminders</c>) on our schema.</summary>
public sealed class PostgresClusterStore(string connectionString) : ClusterStore
{
    public string ConnectionString => connectionString;

    public override TestCluster CreateCluster(short silos = 3, string? serviceId = null, string? clusterId = null, bool fastFailureDetection = false) =>
        TestClusters.Create(connectionString, silos, serviceId, clusterId, fastFailureDetection);

    public override async Task<int> ActiveSilosAsync(string clusterId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3", connection)
        {
            Parameters = { new() { Value = clusterId } },
        };
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    public override async Task<bool> IsDeadAsync(string clusterId, SiloAddress silo)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleans_membership WHERE deployment_id = $1 AND port = $2 AND generation = $3", connection)
        {
            Parameters =
            {
                new() { Value = clusterId },
                new() { Value = silo.Endpoint.Port },
                new() { Value = silo.Generation },
            },
        };
        return await command.ExecuteScalarAsync() is int status && status == 6;
    }

    public override async Task<long> ReminderRowsAsync(IReadOnlyCollection<string> grainKeys)
    {
        await using var connection = await OpenAsync();
        // GrainId.ToString() is "type/key"; the key is the part after the slash.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_reminders WHERE split_part(grain_id, '/', 2) = ANY($1)", connection)
        {
            Parameters = { new() { Value = grainKeys.ToArray() } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
