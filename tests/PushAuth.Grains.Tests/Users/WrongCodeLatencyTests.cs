using PushAuth.Grains.Users;

namespace PushAuth.Grains.Tests.Users;

/// <summary>The pad an unknown user's TOTP attempt waits follows the silo's wrong-code writes, bounded.</summary>
public sealed class WrongCodeLatencyTests
{
    [Fact]
    public void Pad_MovesTowardsTheMeasuredWrites_AndNeverPassesTheBound()
    {
        var latency = new WrongCodeLatency();
        var start = latency.Pad;

        for (var i = 0; i < 100; i++)
        {
            latency.Record(TimeSpan.FromMilliseconds(20));
        }
        var settled = latency.Pad;
        for (var i = 0; i < 100; i++)
        {
            latency.Record(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(2), start);
        Assert.InRange(settled.TotalMilliseconds, 19, 20);
        Assert.Equal(WrongCodeLatency.MaxPad, latency.Pad);
    }

    [Fact]
    public void EachInstance_MeasuresOnItsOwn()
    {
        var busy = new WrongCodeLatency();
        busy.Record(TimeSpan.FromMilliseconds(200));

        Assert.Equal(TimeSpan.FromMilliseconds(2), new WrongCodeLatency().Pad);
    }
}
