using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Persistence.Postgres.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests;

public sealed class ClusterRestartTests
{
    [Fact]
    public async Task PersistentState_AfterClusterRestart_IsReadBack()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("restart");
        var serviceId = $"restart-{Guid.NewGuid():N}";
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, 20).Select(i => $"restart-{i}").ToArray();

        await using (var first = TestClusters.Create(connectionString, 3, serviceId, clusterId))
        {
            await first.DeployAsync();
            foreach (var key in keys)
            {
                await first.Client.GetGrain<IStateGrain>(key).SetAsync($"before restart {key}");
            }
            await first.StopAllSilosAsync();
        }

        await using var second = TestClusters.Create(connectionString, 3, serviceId, clusterId);
        await second.DeployAsync();
        foreach (var key in keys)
        {
            var state = await second.Client.GetGrain<IStateGrain>(key).GetAsync();
            Assert.Equal($"before restart {key}", state.Value);
            Assert.Equal(1, state.Writes);
        }
        await second.Client.GetGrain<IStateGrain>(keys[0]).SetAsync("after restart");
        Assert.Equal(2, (await second.Client.GetGrain<IStateGrain>(keys[0]).GetAsync()).Writes);
        await second.StopAllSilosAsync();
    }
}
