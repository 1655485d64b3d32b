using Xunit;
using Orleans.Runtime;

namespace PushAuth.Testing.Clustering;

/// <summary>
/// One cluster suite for every shared-storage provider: silos meet through its membership table, spread grains whose
/// state it keeps, split its reminder ring, read their state back after a full restart and take over a killed silo's
/// grains. A provider's test project derives one class from it, with its <see cref="IClusterUnderTest"/> fixture.
/// </summary>
public abstract class ClusterSuite(IClusterUnderTest under)
{
    [Fact]
    public async Task Deploy_ThreeSilos_AreActiveInTheMembershipTable()
    {
        await Eventually.UntilAsync(async () => await under.Store.ActiveSilosAsync(under.Cluster.Options.ClusterId) == 3,
            TimeSpan.FromSeconds(30), "three Active silo rows in the membership table");

        var management = under.Cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(3, (await management.GetHosts(onlyActive: true)).Count);
    }

    [Fact]
    public async Task Grains_OnEverySilo_ReadTheirWrites()
    {
        var silos = new HashSet<string>();
        for (var i = 0; i < 60 && silos.Count < 3; i++)
        {
            var grain = under.Cluster.Client.GetGrain<IStateGrain>($"spread-{i}");
            await grain.SetAsync($"v{i}");
            Assert.Equal($"v{i}", (await grain.GetAsync()).Value);
            silos.Add(await grain.GetSiloAsync());
        }
        Assert.Equal(3, silos.Count);
    }

    [Fact]
    public async Task Reminder_AcrossThreeSilos_FiresOncePerTick()
    {
        var period = TimeSpan.FromSeconds(2);
        var grains = Enumerable.Range(0, 8).Select(i => $"tick-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in grains)
        {
            await under.Cluster.Client.GetGrain<ITickGrain>(key).StartAsync(TimeSpan.FromSeconds(1), period);
        }
        Assert.Equal(grains.Length, await under.Store.ReminderRowsAsync(grains));

        await Eventually.UntilAsync(() => grains.All(g => TickLog.For(g).Count >= 3), TimeSpan.FromSeconds(60), "every reminder ticked 3 times");
        foreach (var key in grains)
        {
            await under.Cluster.Client.GetGrain<ITickGrain>(key).StopAsync();
        }

        foreach (var key in grains)
        {
            // CurrentTickTime is when the tick fired; its slot on the schedule (FirstTickTime + n × period) is what a
            // reminder owned by two silos at once would deliver twice.
            var slots = TickLog.For(key).Select(t => (t.TickTime - t.FirstTickTime).Ticks / period.Ticks).ToArray();
            Assert.True(slots.Length == slots.Distinct().Count(), $"{key}: a scheduled tick was delivered twice (slots {string.Join(", ", slots.Order())})");
        }
        Assert.Equal(0, await under.Store.ReminderRowsAsync(grains));
    }

    [Fact]
    public async Task PersistentState_AfterClusterRestart_IsReadBack()
    {
        var store = await under.NewStoreAsync("restart");
        var serviceId = $"restart-{Guid.NewGuid():N}";
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, 20).Select(i => $"restart-{i}").ToArray();

        await using (var first = store.CreateCluster(3, serviceId, clusterId))
        {
            await first.DeployAsync();
            foreach (var key in keys)
            {
                await first.Client.GetGrain<IStateGrain>(key).SetAsync($"before restart {key}");
            }
            await first.StopAllSilosAsync();
        }

        await using var second = store.CreateCluster(3, serviceId, clusterId);
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

    [Fact]
    public async Task KillSilo_ItsGrains_ReactivateElsewhereWithTheirState()
    {
        var store = await under.NewStoreAsync("kill");
        await using var cluster = store.CreateCluster(3, fastFailureDetection: true);
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
                catch (Exception e) when (e is OperationCanceledException or TimeoutException or OrleansException)
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
        await Eventually.UntilAsync(() => store.IsDeadAsync(cluster.Options.ClusterId, victim.SiloAddress),
            TimeSpan.FromSeconds(60), "the killed silo is Dead in the membership table");
        await cluster.StopAllSilosAsync();
    }
}
