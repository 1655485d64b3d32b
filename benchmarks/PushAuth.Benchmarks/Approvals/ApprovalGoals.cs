using System.Globalization;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// The goals of issue 19, judged on one run's figures. A missed goal says where the time goes, from what the run
/// measured: each process's CPU per approval against what the two cores allow at the goal's rate, the JIT's and
/// the GC's shares, allocation, grain-storage operations and round trips per approval, or the state's largest members.
/// </summary>
public static class ApprovalGoals
{
    public const double SiloCpuUsGoal = 500;
    public const double SqliteRateGoal = 3000;
    public const double PgbenchShareGoal = 0.5;
    public const double TwoSilosGoal = 0.9;
    public const double WakeP99MsGoal = 25;
    public const double AllocatedBytesGoal = 40 * 1024;
    public const int UserStateBytesGoal = 4 * 1024;

    public static IEnumerable<string> Judge(IReadOnlyList<EngineResult> results, int cores)
    {
        var judged = results.Where(r => r.Engine is "SQLite" or "PostgreSQL").ToList();
        foreach (var r in judged)
        {
            foreach (var (phase, p) in new[] { ("peak", r.Peak), ("half rate", r.Half) })
            {
                yield return Line(p.SiloCpuUs <= SiloCpuUsGoal,
                    Inv($"{r.Label}: silo CPU <= {SiloCpuUsGoal:N0} µs per approval at {phase} ({p.ApprovalsPerSecond:N0}/s): {p.SiloCpuUs:N0} µs"), () => CpuCost(p, cores));
            }
        }
        if (results.FirstOrDefault(r => r is { Engine: "SQLite", Silos: 1 }) is { } sqlite)
        {
            yield return Line(sqlite.Peak.ApprovalsPerSecond >= SqliteRateGoal,
                Inv($"SQLite >= {SqliteRateGoal:N0} approvals/s end to end: {sqlite.Peak.ApprovalsPerSecond:N0}/s"), () => RateBound(sqlite.Peak, SqliteRateGoal, cores));
        }
        var pg1 = results.FirstOrDefault(r => r is { Engine: "PostgreSQL", Silos: 1 });
        var pg2 = results.FirstOrDefault(r => r is { Engine: "PostgreSQL", Silos: 2 });
        if (pg1 is { PgbenchCeiling: { } ceiling })
        {
            var share = pg1.Peak.ApprovalsPerSecond / ceiling;
            yield return Line(share >= PgbenchShareGoal,
                Inv($"PostgreSQL x1 >= {PgbenchShareGoal:P0} of the same-run pgbench ceiling: {share:P0} of {ceiling:N0} tps"),
                () => RateBound(pg1.Peak, ceiling * PgbenchShareGoal, cores) + Inv($"; pgbench does 1 transaction per approval, the silo {Trips(pg1.Peak)}"));
        }
        if (pg1 is not null && pg2 is not null)
        {
            var ratio = pg2.Peak.ApprovalsPerSecond / pg1.Peak.ApprovalsPerSecond;
            yield return Line(ratio >= TwoSilosGoal, Inv($"two silos (two processes) on one PostgreSQL >= {TwoSilosGoal:0.0}x one: {ratio:0.00}x"),
                () => Inv($"two silos cost {pg2.Peak.SiloCpuUs:N0} µs of silo CPU per approval against {pg1.Peak.SiloCpuUs:N0} µs for one ")
                    + Inv($"(cross-silo calls and a second runtime on the same {cores} cores); machine {pg2.Peak.MachineBusy:P0} busy against {pg1.Peak.MachineBusy:P0}"));
        }
        foreach (var r in judged)
        {
            yield return Line(r.Half.WakeP99Ms < WakeP99MsGoal, Inv($"{r.Label}: wake p99 < {WakeP99MsGoal:0} ms at half rate: {r.Half.WakeP99Ms:0.0} ms"),
                () => Inv($"wake p50 {r.Half.WakeP50Ms:0.0} ms; at half rate ({r.Half.ApprovalsPerSecond:N0}/s) the machine was {r.Half.MachineBusy:P0} busy; ")
                    + Inv($"the wake waits for the answer's grain write ({r.Half.GrainWrites:0.00} writes per approval, {Trips(r.Half)}) and the parked long-poll's reply"));
        }
        foreach (var r in judged)
        {
            yield return Line(r.Peak.AllocatedBytes <= AllocatedBytesGoal,
                Inv($"{r.Label}: silo allocation <= {AllocatedBytesGoal / 1024:0} KB per approval: {r.Peak.AllocatedBytes / 1024:N1} KB"),
                () => Inv($"GC pauses took {r.Peak.GcPauseShare:P1} of the window; a CPU profile's GC and allocation share, and an allocation trace, name the allocating code"));
        }
        foreach (var r in judged.Where(r => r.UserStateBytes is not null))
        {
            yield return Line(r.UserStateBytes <= UserStateBytesGoal,
                Inv($"{r.Label}: user grain state <= {UserStateBytesGoal / 1024} KB with 20 resolved challenges and a full approval record: {r.UserStateBytes:N0} B stored"),
                () => "largest members: " + r.UserStateBreakdown);
        }
    }

    /// <summary>What one approval costs each process, and the JIT's and GC's part of the silo's.</summary>
    public static string CpuCost(PhaseResult p, int cores) =>
        Inv($"per approval the silo used {p.SiloCpuUs:N0} µs (in the window the JIT compiled {p.JitMethods:N0} methods in {p.JitMs:N0} ms, {p.JitShare:P1} of the silo's CPU; ")
        + Inv($"GC pauses {p.GcPauseShare:P1} of the window, {p.AllocatedBytes / 1024:N1} KB allocated; {Storage(p)}), ")
        + Inv($"the load generator {p.LoadCpuUs:N0} µs") + (p.DatabaseCpuUs is { } db ? Inv($", PostgreSQL {db:N0} µs") : "")
        + Inv($"; machine {p.MachineBusy:P0} busy");

    /// <summary>Why a rate goal was missed: the cores' budget per approval at the goal's rate against what all
    /// processes used, or, when the cores were not busy, waiting.</summary>
    public static string RateBound(PhaseResult p, double goalRate, int cores)
    {
        var budget = cores * 1e6 / goalRate;
        var used = p.SiloCpuUs + p.LoadCpuUs + (p.DatabaseCpuUs ?? 0);
        var bound = p.MachineBusy >= 0.85
            ? Inv($"CPU-bound ({p.MachineBusy:P0} busy): at {goalRate:N0}/s the {cores} cores allow {budget:N0} µs per approval for everything, the run used {used:N0} µs")
            : Inv($"not CPU-bound ({p.MachineBusy:P0} busy): approvals wait (p50 {p.P50Ms:0.0} ms; {Trips(p)})");
        return bound + "; " + CpuCost(p, cores);
    }

    private static string Storage(PhaseResult p) =>
        p.GrainWrites is { } w ? Inv($"{w:0.00} grain writes and {p.GrainReads ?? 0:0.00} grain reads") : "grain operations not measured";

    private static string Trips(PhaseResult p) => p.RoundTrips is { } t ? Inv($"{t:0.00} storage round trips per approval") : "storage round trips not counted on this engine";

    private static string Line(bool met, string goal, Func<string> whereTheTimeGoes) =>
        (met ? "met: " : "MISSED: ") + goal + (met ? "" : " — where the time goes: " + whereTheTimeGoes());

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
