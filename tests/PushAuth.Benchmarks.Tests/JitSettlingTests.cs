using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Tests;

public class JitSettlingTests
{
    private static readonly JitSettling Rule = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 20);
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Warm_up_goes_on_before_the_minimum_even_when_quiet() =>
        Assert.Equal((false, false), Rule.Decide(TimeSpan.FromSeconds(5), [0.0]));

    [Fact]
    public void Warm_up_ends_when_every_silo_jits_fewer_than_the_threshold() =>
        Assert.Equal((true, true), Rule.Decide(TimeSpan.FromSeconds(12), [3.0, 19.0]));

    [Fact]
    public void One_busy_silo_keeps_the_warm_up_going() =>
        Assert.Equal((false, false), Rule.Decide(TimeSpan.FromSeconds(12), [3.0, 400.0]));

    [Fact]
    public void The_bound_ends_warm_up_and_says_the_jit_had_not_settled() =>
        Assert.Equal((true, false), Rule.Decide(TimeSpan.FromSeconds(60), [400.0]));

    [Fact]
    public void A_silo_without_enough_samples_is_not_settled() =>
        Assert.Equal((false, false), Rule.Decide(TimeSpan.FromSeconds(12), [null]));

    [Fact]
    public void Recent_methods_are_counted_over_the_window_before_the_last_sample()
    {
        var compiled = new CumulativeSeries();
        for (var s = 0; s <= 10; s++)
        {
            // 100 methods a second for 5 s, then 2 a second.
            compiled.Add(T0.AddSeconds(s), s <= 5 ? s * 100 : 500 + ((s - 5) * 2));
        }

        Assert.Equal(10, Rule.RecentMethods(compiled, T0.AddSeconds(10.5)));
        Assert.Equal(10, compiled.Between(T0.AddSeconds(5), T0.AddSeconds(10)));
        // A series that stopped arriving (a dead silo) does not count as settled.
        Assert.Null(Rule.RecentMethods(compiled, T0.AddSeconds(30)));
    }
}
