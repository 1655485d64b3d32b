namespace PushAuth.Benchmarks.Approvals;

/// <summary>What one engine's run measured, for the tables and the goals verdict.</summary>
/// <param name="HttpCeiling">The trivial endpoint's requests per second divided by the 4 requests of one approval.</param>
/// <param name="PgbenchCeiling">The same run's pgbench lifecycle ceiling (PostgreSQL engines), transactions per second.</param>
/// <param name="UserStateBytes">The stored user row of the state probe (20 resolved challenges, full approval record).</param>
/// <param name="UserStateBreakdown">Where that row's bytes go: its largest members, largest first.</param>
public sealed record EngineResult(
    string Engine,
    int Silos,
    double PairingsPerSecond,
    PhaseResult Peak,
    PhaseResult Half,
    double HttpCeiling,
    double? PgbenchCeiling,
    int? UserStateBytes,
    string? UserStateBreakdown)
{
    public string Label => $"{Engine} x{Silos}";
}

/// <summary>One measured window (the peak rate, or half of it), every cost per approval and measured from outside
/// the processes: CPU from /proc, the silo's runtime and Orleans meters over EventPipe.</summary>
/// <param name="SiloCpuUs">CPU of the silo processes (all of them) per approval, µs.</param>
/// <param name="LoadCpuUs">CPU of the load generator process per approval, µs.</param>
/// <param name="DatabaseCpuUs">CPU of the PostgreSQL server (postmaster and every backend) per approval, µs; null without PostgreSQL.</param>
/// <param name="MachineBusy">Fraction of all cores busy during the window, whoever used them.</param>
/// <param name="JitMethods">Methods the silos jitted during the window.</param>
/// <param name="JitMs">Time the silos spent in the JIT during the window (the runtime's own clock of compilations:
/// wall time, so on a machine busy with other work it overstates the CPU it took).</param>
/// <param name="JitShare"><paramref name="JitMs"/> as a share of the silos' CPU in the window.</param>
/// <param name="AllocatedBytes">Bytes the silos allocated per approval (GC's total allocated).</param>
/// <param name="GcPauseShare">GC pause time during the window as a share of the window.</param>
/// <param name="FirstError">The load generator's first failure in the window, when any failed.</param>
/// <param name="WarmupSeconds">How long the load ran before the window; <paramref name="JitSettled"/> false when the bound ended it.</param>
public sealed record PhaseResult(
    double ApprovalsPerSecond,
    double P50Ms,
    double P99Ms,
    double WakeP50Ms,
    double WakeP99Ms,
    int Errors,
    double SiloCpuUs,
    double LoadCpuUs,
    double? DatabaseCpuUs,
    double MachineBusy,
    double JitMethods,
    double JitMs,
    double JitShare,
    double AllocatedBytes,
    double GcPauseShare,
    double? GrainWrites,
    double? GrainReads,
    double? RoundTrips,
    double WarmupSeconds,
    bool JitSettled,
    string? FirstError = null);
