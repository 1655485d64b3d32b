using FsCheck.Xunit;
using PushAuth.Domain.Users;

namespace PushAuth.Domain.Tests.Users;

public sealed class TotpThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static UserState FailTimes(int times)
    {
        var s = new UserState();
        for (var i = 0; i < times; i++)
        {
            s = TotpThrottle.Failed(s, T0);
        }
        return s;
    }

    [Fact]
    public void Failed_FewerThanFreeFailures_NoDelay()
    {
        var s = FailTimes(TotpThrottle.FreeFailures - 1);

        Assert.Equal(4, s.TotpFailures);
        Assert.Null(s.TotpThrottledUntil);
        Assert.False(s.TotpLocked);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(8, 8)]
    [InlineData(14, 512)]
    [InlineData(15, 900)]
    [InlineData(99, 900)]
    public void Failed_FromFifthFailure_DoublingDelayCappedAt15Minutes(int failures, int seconds)
    {
        var s = FailTimes(failures);

        Assert.Equal(T0.AddSeconds(seconds), s.TotpThrottledUntil);
        Assert.False(s.TotpLocked);
    }

    [Fact]
    public void Failed_Hundredth_LocksForGood()
    {
        var s = FailTimes(TotpThrottle.LockAfterFailures);

        Assert.True(s.TotpLocked);
        Assert.Equal(100, s.TotpFailures);
        Assert.Null(s.TotpThrottledUntil);
    }

    /// <summary>NIST SP 800-63B: never more than 100 consecutive failures before a lock; the delay never shrinks and never exceeds the cap.</summary>
    [Property(MaxTest = 200)]
    public bool Failed_AnyCount_DelayMonotonicCappedAndLockAt100(byte count)
    {
        var s = new UserState();
        var previous = TimeSpan.Zero;
        for (var i = 1; i <= count; i++)
        {
            s = TotpThrottle.Failed(s, T0);
            if (i >= TotpThrottle.LockAfterFailures)
            {
                if (!s.TotpLocked)
                {
                    return false;
                }
                continue;
            }
            var delay = s.TotpThrottledUntil is { } until ? until - T0 : TimeSpan.Zero;
            if (s.TotpLocked || delay < previous || delay > TotpThrottle.MaxDelay)
            {
                return false;
            }
            previous = delay;
        }
        return s.TotpFailures == count;
    }
}
