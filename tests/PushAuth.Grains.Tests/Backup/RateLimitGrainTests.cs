using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Backup;

/// <summary>The cluster-wide sliding window, on the silo's clock.</summary>
public sealed class RateLimitGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private IRateLimitGrain Limit() => host.Grains.GetGrain<IRateLimitGrain>("test:" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TryTake_UpToTheLimit_TakesThenTellsWhenTheOldestFreesUp()
    {
        var limit = Limit();

        Assert.Null(await limit.TryTakeAsync(2, TimeSpan.FromMinutes(10)));
        host.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Null(await limit.TryTakeAsync(2, TimeSpan.FromMinutes(10)));
        var refused = await limit.TryTakeAsync(2, TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(7), refused);
    }

    [Fact]
    public async Task TryTake_AfterTheWindowPasses_TakesAgain()
    {
        var limit = Limit();
        Assert.Null(await limit.TryTakeAsync(1, TimeSpan.FromMinutes(10)));
        Assert.NotNull(await limit.TryTakeAsync(1, TimeSpan.FromMinutes(10)));

        host.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await limit.TryTakeAsync(1, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task Take_ReportsWhatIsLeftAndWhenTheWindowResets()
    {
        var limit = Limit();

        var first = await limit.TakeAsync(3, TimeSpan.FromHours(1));
        host.Time.Advance(TimeSpan.FromMinutes(20));
        var second = await limit.TakeAsync(3, TimeSpan.FromHours(1));

        Assert.Equal(new RateLimitTake(null, 2, TimeSpan.FromHours(1)), first);
        Assert.Equal(new RateLimitTake(null, 1, TimeSpan.FromMinutes(40)), second);
    }

    [Fact]
    public async Task Take_WithASmallerLimitThanBefore_WaitsUntilEnoughFreeUp()
    {
        var limit = Limit();
        for (var i = 0; i < 3; i++)
        {
            await limit.TakeAsync(5, TimeSpan.FromMinutes(30));
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await limit.TakeAsync(2, TimeSpan.FromMinutes(30));

        // Three queued (3, 2 and 1 min ago), limit two: two must leave, the second of them (2 min ago) in 28 min.
        Assert.Equal(TimeSpan.FromMinutes(28), refused.RetryAfter);
        Assert.Equal(0, refused.Remaining);
    }
}
