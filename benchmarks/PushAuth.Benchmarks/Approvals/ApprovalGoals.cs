using System.Globalization;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// The approvals goals of the Orleans port, judged on one run's figures. For a missed goal it says where the time
/// goes: whether the cores were saturated (and how much of it this process's silo and load CPU was), how close the
/// rate came to the harness's own HTTP ceiling, and how many storage round trips each approval paid.
/// </summary>
public static class ApprovalGoals
{
    public static IEnumerable<string> Judge(IReadOnlyList<EngineResult> results)
    {
        var pg1 = results.FirstOrDefault(r => r.Engine == "PostgreSQL" && r.Silos == 1);
        var pg2 = results.FirstOrDefault(r => r.Engine == "PostgreSQL" && r.Silos == 2);
        var sqlite = results.FirstOrDefault(r => r.Engine == "SQLite");
        if (pg1 is { PgbenchCeiling: { } ceiling })
        {
            yield return Line(pg1.ApprovalsPerSecond / ceiling >= 0.5, $"PostgreSQL x1 at >= 50% of the pgbench ceiling: {pg1.ApprovalsPerSecond / ceiling:P0} of {ceiling:N0} tps", pg1);
        }
        if (sqlite is not null)
        {
            yield return Line(sqlite.ApprovalsPerSecond >= 3000, $"SQLite >= 3,000 approvals/s: {sqlite.ApprovalsPerSecond:N0}/s", sqlite);
        }
        if (pg1 is not null && pg2 is not null)
        {
            yield return Line(pg2.ApprovalsPerSecond / pg1.ApprovalsPerSecond >= 0.9, $"two silos >= 0.9x one: {pg2.ApprovalsPerSecond / pg1.ApprovalsPerSecond:0.00}x", pg2);
        }
        foreach (var r in results)
        {
            yield return Line(r.GrainWritesPerApproval <= 3, $"{r.Engine} x{r.Silos}: <= 3 grain writes per approval: {r.GrainWritesPerApproval:0.00}", null);
            yield return Line(r.WakeP99Ms < 25, $"{r.Engine} x{r.Silos}: wake p99 < 25 ms at half rate: {r.WakeP99Ms:0.0} ms", r.WakeP99Ms < 25 ? null : r);
        }
    }

    private static string Line(bool met, string goal, EngineResult? explain) =>
        (met ? "met: " : "MISSED: ") + goal + (met || explain is null ? "" : " — where the time goes: " + WhereTheTimeGoes(explain));

    /// <summary>Two cores run the silos, the load generator and the database: a saturated machine means CPU per
    /// approval decides the rate, not waiting on storage.</summary>
    public static string WhereTheTimeGoes(EngineResult r)
    {
        var cores = Environment.ProcessorCount;
        var processShare = r.ProcessCpuPerApproval.TotalSeconds * r.ApprovalsPerSecond / cores;
        var bound = r.MachineBusy >= 0.85
            ? $"CPU-bound: the machine was {r.MachineBusy:P0} busy, {processShare:P0} of it the silos and load generator in this process "
              + $"({r.ProcessCpuPerApproval.TotalMilliseconds * 1000:N0} µs per approval across 4 HTTP requests, {r.GrainWritesPerApproval:0.00} grain writes and the signature checks), the rest the storage server"
            : $"not CPU-bound (machine {r.MachineBusy:P0} busy): waiting on commits and round trips dominates";
        var trips = r.RoundTripsPerApproval is { } t ? string.Create(CultureInfo.InvariantCulture, $"; {t:0.00} storage round trips per approval") : "";
        return $"{bound}; {r.ApprovalsPerSecond / r.HttpCeiling:P0} of the harness's trivial-endpoint ceiling ({r.HttpCeiling:N0}/s){trips}.";
    }
}
