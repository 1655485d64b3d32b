using Microsoft.Extensions.Time.Testing;
using PushAuth.Grains.Limits;

namespace PushAuth.Grains.Tests.Limits;

public sealed class ClaimRateLimiterTests
{
    [Fact]
    public void RetryAfter_AfterTenFailuresInAMinute_UntilTheWindowEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 15, TimeSpan.Zero));
        var limiter = new ClaimRateLimiter(clock);
        for (var i = 0; i < ClaimRateLimiter.FailuresPerMinute - 1; i++)
        {
            limiter.Failed("tenant:a", "ip:1");
        }
        Assert.Null(limiter.RetryAfter("tenant:a", "ip:1"));

        limiter.Failed("tenant:a", "ip:1");

        Assert.Equal(TimeSpan.FromSeconds(45), limiter.RetryAfter("tenant:a", "ip:2"));
        Assert.Equal(TimeSpan.FromSeconds(45), limiter.RetryAfter("tenant:b", "ip:1"));
        Assert.Null(limiter.RetryAfter("tenant:b", "ip:2"));
        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Null(limiter.RetryAfter("tenant:a", "ip:1"));
    }
}
