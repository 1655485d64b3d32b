namespace PushAuth.Benchmarks.Approvals;

/// <summary>What one engine's run measured, for the goals verdict.</summary>
/// <param name="ProcessCpuPerApproval">Silo and load-generator CPU per approval (one process).</param>
/// <param name="MachineBusy">Fraction of all cores busy during the peak run, database server included.</param>
/// <param name="HttpCeiling">The trivial endpoint's rate divided by the requests one approval needs.</param>
public sealed record EngineResult(
    string Engine,
    int Silos,
    double ApprovalsPerSecond,
    double WakeP99Ms,
    double GrainWritesPerApproval,
    double? RoundTripsPerApproval,
    TimeSpan ProcessCpuPerApproval,
    double MachineBusy,
    double HttpCeiling,
    double? PgbenchCeiling);
