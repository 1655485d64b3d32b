using PushAuth.Benchmarks.Approvals;

namespace PushAuth.Benchmarks.Tests;

public class ApprovalGoalsTests
{
    private static PhaseResult Phase(double rate, double siloUs = 400, double busy = 0.5, double wakeP99 = 10, double allocated = 20_000, double? databaseUs = null) =>
        new(rate, 10, 30, 3, wakeP99, 0, siloUs, 150, databaseUs, busy, 12, 40, 0.01, allocated, 0.01, 2, 0, databaseUs is null ? null : 4.2, 20, true);

    private static EngineResult Engine(string name, int silos, PhaseResult peak, PhaseResult half, double? pgbench = null, int? state = 3000) =>
        new(name, silos, 100, peak, half, 8000, pgbench, state, state is null ? null : "challenges 2,000 B (66 %)");

    [Fact]
    public void Every_goal_of_a_good_run_is_met()
    {
        var results = new[]
        {
            Engine("SQLite", 1, Phase(3200), Phase(1600)),
            Engine("PostgreSQL", 1, Phase(1100, databaseUs: 300), Phase(550, databaseUs: 300), pgbench: 2000),
            Engine("PostgreSQL", 2, Phase(1050, databaseUs: 300), Phase(525, databaseUs: 300), pgbench: 2000),
        };

        var verdicts = ApprovalGoals.Judge(results, cores: 2).ToList();

        Assert.All(verdicts, v => Assert.StartsWith("met: ", v, StringComparison.Ordinal));
        // CPU at peak and half for three runs, the SQLite rate, the pgbench share, two silos, wake, allocation and state for three.
        Assert.Equal(6 + 1 + 1 + 1 + 3 + 3 + 3, verdicts.Count);
    }

    [Fact]
    public void A_cpu_bound_miss_says_what_the_cores_allow_and_what_each_process_used()
    {
        var results = new[] { Engine("SQLite", 1, Phase(655, siloUs: 2500, busy: 0.97), Phase(320, siloUs: 2600, busy: 0.6)) };

        var rate = Assert.Single(ApprovalGoals.Judge(results, cores: 2), v => v.Contains("3,000 approvals/s", StringComparison.Ordinal));

        Assert.StartsWith("MISSED: ", rate, StringComparison.Ordinal);
        Assert.Contains("CPU-bound (97 % busy)", rate, StringComparison.Ordinal);
        // 2 cores at 3,000/s: 667 µs for everything; the run used 2,500 + 150.
        Assert.Contains("allow 667 µs per approval for everything, the run used 2,650 µs", rate, StringComparison.Ordinal);
        Assert.Contains("the silo used 2,500 µs", rate, StringComparison.Ordinal);
    }

    [Fact]
    public void A_miss_on_an_idle_machine_is_waiting()
    {
        var results = new[] { Engine("PostgreSQL", 1, Phase(400, busy: 0.4, databaseUs: 300), Phase(200, databaseUs: 300), pgbench: 2000) };

        var share = Assert.Single(ApprovalGoals.Judge(results, cores: 2), v => v.Contains("pgbench", StringComparison.Ordinal));

        Assert.StartsWith("MISSED: PostgreSQL x1 >= 50 % of the same-run pgbench ceiling: 20 %", share, StringComparison.Ordinal);
        Assert.Contains("not CPU-bound (40 % busy)", share, StringComparison.Ordinal);
        Assert.Contains("4.20 storage round trips per approval", share, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL 300 µs", share, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_is_judged_at_the_peak_and_at_half_rate()
    {
        var results = new[] { Engine("SQLite", 1, Phase(3200, siloUs: 450), Phase(1600, siloUs: 700)) };

        var cpu = ApprovalGoals.Judge(results, cores: 2).Where(v => v.Contains("silo CPU", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, cpu.Count);
        Assert.StartsWith("met: SQLite x1: silo CPU <= 500 µs per approval at peak", cpu[0], StringComparison.Ordinal);
        Assert.StartsWith("MISSED: SQLite x1: silo CPU <= 500 µs per approval at half rate (1,600/s): 700 µs", cpu[1], StringComparison.Ordinal);
    }

    [Fact]
    public void State_allocation_wake_and_two_silo_misses_name_their_causes()
    {
        var results = new[]
        {
            Engine("PostgreSQL", 1, Phase(1000, databaseUs: 300), Phase(500, databaseUs: 300), pgbench: 2000, state: 15_700),
            Engine("PostgreSQL", 2, Phase(700, siloUs: 900, databaseUs: 300), Phase(350, wakeP99: 33.5, databaseUs: 300), pgbench: 2000, state: null),
            Engine("Azurite", 1, Phase(100, allocated: 500_000), Phase(50, wakeP99: 200), state: null),
        };

        var verdicts = ApprovalGoals.Judge(results, cores: 2).ToList();

        Assert.Contains(verdicts, v => v.StartsWith("MISSED: PostgreSQL x1: user grain state <= 4 KB", StringComparison.Ordinal) && v.Contains("15,700 B stored — where the time goes: largest members: challenges", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.StartsWith("MISSED: two silos (two processes) on one PostgreSQL >= 0.9x one: 0.70x", StringComparison.Ordinal) && v.Contains("900 µs of silo CPU per approval against 400 µs", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.StartsWith("MISSED: PostgreSQL x2: wake p99 < 25 ms at half rate: 33.5 ms", StringComparison.Ordinal));
        // Azurite is measured but has no goals.
        Assert.DoesNotContain(verdicts, v => v.Contains("Azurite", StringComparison.Ordinal));
    }
}
