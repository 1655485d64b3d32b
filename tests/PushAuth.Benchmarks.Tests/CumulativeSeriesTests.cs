using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Tests;

public class CumulativeSeriesTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_window_between_samples_is_interpolated()
    {
        var series = new CumulativeSeries();
        series.Add(T0, 1000);
        series.Add(T0.AddSeconds(1), 2000);
        series.Add(T0.AddSeconds(2), 4000);

        Assert.Equal(1500, series.At(T0.AddMilliseconds(500)));
        // 1,500 at 0.5 s, 3,000 at 1.5 s.
        Assert.Equal(1500, series.Between(T0.AddMilliseconds(500), T0.AddMilliseconds(1500)));
    }

    [Fact]
    public void A_window_outside_the_samples_is_unknown()
    {
        var series = new CumulativeSeries();
        series.Add(T0, 10);
        series.Add(T0.AddSeconds(1), 20);

        Assert.Null(series.Between(T0, T0.AddSeconds(2)));
        Assert.Null(series.Between(T0.AddSeconds(-1), T0.AddSeconds(1)));
    }

    [Fact]
    public void Histogram_counts_add_up_from_zero_and_stay_after_the_last_interval_that_had_any()
    {
        var series = new CumulativeSeries();
        series.AddIncrement(T0.AddSeconds(1), 100);
        series.AddIncrement(T0.AddSeconds(2), 100);

        // Started before the first interval with counts: zero then. Ends after the last: no counts since.
        Assert.Equal(200, series.Between(T0, T0.AddSeconds(5), increments: true));
        Assert.Equal(50, series.Between(T0.AddSeconds(1.5), T0.AddSeconds(5), increments: true));
        Assert.Equal(0, series.Between(T0.AddSeconds(-5), T0, increments: true));
    }

    [Fact]
    public void An_older_sample_arriving_late_is_dropped()
    {
        var series = new CumulativeSeries();
        series.Add(T0.AddSeconds(2), 20);
        series.Add(T0.AddSeconds(1), 10);

        Assert.Equal(1, series.Count);
    }
}
