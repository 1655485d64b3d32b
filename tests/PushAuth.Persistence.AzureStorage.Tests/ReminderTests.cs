using Azure.Data.Tables;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Persistence.AzureStorage.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>Orleans' Azure Table reminder service under three silos that split the reminder ring.</summary>
[Collection(AzureClusterCollection.Name)]
public sealed class ReminderTests(AzureClusterFixture fixture)
{
    [Fact]
    public async Task Reminder_AcrossThreeSilos_FiresOncePerTick()
    {
        var period = TimeSpan.FromSeconds(2);
        var grains = Enumerable.Range(0, 8).Select(i => $"tick-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in grains)
        {
            await fixture.Cluster.Client.GetGrain<ITickGrain>(key).StartAsync(TimeSpan.FromSeconds(1), period);
        }
        Assert.Equal(grains.Length, await CountRowsAsync(grains));

        await Eventually.UntilAsync(() => grains.All(g => TickLog.For(g).Count >= 3), TimeSpan.FromSeconds(60), "every reminder ticked 3 times");
        foreach (var key in grains)
        {
            await fixture.Cluster.Client.GetGrain<ITickGrain>(key).StopAsync();
        }

        foreach (var key in grains)
        {
            // CurrentTickTime is when the tick fired; its slot on the schedule (FirstTickTime + n × period) is what a
            // reminder owned by two silos at once would deliver twice.
            var slots = TickLog.For(key).Select(t => (t.TickTime - t.FirstTickTime).Ticks / period.Ticks).ToArray();
            Assert.True(slots.Length == slots.Distinct().Count(), $"{key}: a scheduled tick was delivered twice (slots {string.Join(", ", slots.Order())})");
        }
        Assert.Equal(0, await CountRowsAsync(grains));
    }

    private async Task<int> CountRowsAsync(string[] grains)
    {
        var count = 0;
        await foreach (var row in fixture.Table(fixture.Tables.RemindersTableName).QueryAsync<TableEntity>(select: ["GrainReference"]))
        {
            if (grains.Any(g => row.GetString("GrainReference")?.EndsWith(g, StringComparison.Ordinal) == true))
            {
                count++;
            }
        }
        return count;
    }
}
