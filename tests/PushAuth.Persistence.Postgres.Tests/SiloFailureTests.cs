using Npgsql;
using Orleans.TestingHost;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Persistence.Postgres.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests;

public sealed class SiloFailureTests
{
    [Fact]
    public async Task KillSilo_ItsGrains_ReactivateElsewhereWithTheirState()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("kill");
        await using var cluster = TestClusters.Create(connectionString, 3, fastFailureDetection: true);
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
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Eventually.UntilAsync(async () =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT status FROM orleans_membership WHERE deployment_id = $1 AND port = $2 AND generation = $3", connection)
            {
                Parameters =
                {
                    new() { Value = cluster.Options.ClusterId },
                    new() { Value = victim.SiloAddress.Endpoint.Port },
                    new() { Value = victim.SiloAddress.Generation },
                },
            };
            return (int)(await command.ExecuteScalarAsync())! == 6;
        }, TimeSpan.FromSeconds(60), "the killed silo is Dead (6) in orleans_membership");
        await cluster.StopAllSilosAsync();
    }
}
