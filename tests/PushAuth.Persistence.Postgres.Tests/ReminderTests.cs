using Npgsql;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Persistence.Postgres.Tests.TestGrains;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>Orleans' ADO.NET reminder table on our schema, under three silos that split the reminder ring.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ReminderTests(PostgresClusterFixture fixture)
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

    private async Task<long> CountRowsAsync(string[] grains)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // GrainId.ToString() is "type/key"; the key is the part after the slash.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_reminders WHERE split_part(grain_id, '/', 2) = ANY($1)", connection)
        {
            Parameters = { new() { Value = grains } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
