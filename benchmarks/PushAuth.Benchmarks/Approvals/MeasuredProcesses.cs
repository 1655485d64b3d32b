using System.Diagnostics;
using PushAuth.Benchmarks.Load;
using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// The processes of one engine's run and how a window over them is measured: CPU of each from /proc (silos, load
/// generator, PostgreSQL's postmaster with all its backends, the whole machine), rate and latencies from the load
/// generator, JIT, allocation, GC pauses and grain-storage operations from the silos' meters. Each process's CPU
/// per second is divided by the load generator's approvals per second, so the few milliseconds between the readings
/// of different processes do not matter.
/// </summary>
public sealed class MeasuredProcesses(IReadOnlyList<PublishedSilo> silos, IReadOnlyList<SiloMetrics> metrics, LoadGeneratorProcess load, int? postmasterPid,
    string? postgresConnectionString)
{
    /// <summary>Runs the current workload until the silos' JIT has settled (see <see cref="JitSettling"/>).</summary>
    public async Task<(double Seconds, bool Settled)> WarmUpAsync(JitSettling rule, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(1000, cancellationToken);
            var now = DateTime.UtcNow;
            var elapsed = Stopwatch.GetElapsedTime(started);
            var (done, settled) = rule.Decide(elapsed, metrics.Select(m => rule.RecentMethods(m.Series(SiloMetrics.JitCompiledMethods), now)));
            if (done)
            {
                return (elapsed.TotalSeconds, settled);
            }
        }
    }

    /// <summary>Measures one window of <paramref name="duration"/> of the workload already running.</summary>
    /// <param name="tracePrefix">With <see cref="SiloTrace.Requested"/>: a sampling trace of each silo over the
    /// window is written to <c>{tracePrefix}-silo{n}.nettrace</c>.</param>
    public async Task<PhaseResult> MeasureAsync(TimeSpan duration, (double Seconds, bool Settled) warmup, CancellationToken cancellationToken, string? tracePrefix = null)
    {
        var traces = tracePrefix is not null && SiloTrace.Requested
            ? silos.Select((s, i) => SiloTrace.Start(s.Pid, $"{tracePrefix}-silo{i}.nettrace")).ToList()
            : [];
        if (traces.Count > 0)
        {
            // Enabling the trace's providers makes the runtime build their manifests by reflection, which jits: not in the window.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
        var trips0 = postgresConnectionString is null ? (long?)null : await RoundTripCounter.ReadAsync(postgresConnectionString, cancellationToken);
        var (t0, cpu0, machine0) = (DateTime.UtcNow, ReadCpu(), MachineCpu.Read());
        await load.SendAsync("mark", cancellationToken);
        await Task.Delay(duration, cancellationToken);
        var (t1, cpu1, machine1) = (DateTime.UtcNow, ReadCpu(), MachineCpu.Read());
        foreach (var trace in traces)
        {
            await trace.DisposeAsync();
        }
        var report = await load.SendAsync("report", cancellationToken);
        var trips1 = postgresConnectionString is null ? (long?)null : await RoundTripCounter.ReadAsync(postgresConnectionString, cancellationToken);
        foreach (var m in metrics)
        {
            // The load keeps running, so the sample after the window's end sees the same steady rate.
            if (!await m.WaitForSampleAfterAsync(t1, TimeSpan.FromSeconds(10), cancellationToken))
            {
                throw new TimeoutException($"no metrics from silo pid {m.Pid} after the window{(m.Error is { } e ? ": " + e : "")}");
            }
        }
        var seconds = (t1 - t0).TotalSeconds;
        var rate = Math.Max(report.PerSecond, 1e-9);
        double PerApprovalUs(double? start, double? end) => start is { } a && end is { } b ? (b - a) / seconds / rate * 1e6 : double.NaN;
        double Sum(string instrument) => metrics.Sum(m => m.Between(instrument, t0, t1) ?? double.NaN);
        double? SumOrNull(string instrument) => metrics.All(m => m.Between(instrument, t0, t1) is not null) ? Sum(instrument) : null;
        var siloCpu = cpu1.Silos - cpu0.Silos;
        var approvals = rate * seconds;
        return new PhaseResult(
            report.PerSecond, report.P50Ms, report.P99Ms, report.WakeP50Ms, report.WakeP99Ms, report.Errors,
            SiloCpuUs: PerApprovalUs(cpu0.Silos, cpu1.Silos),
            LoadCpuUs: PerApprovalUs(cpu0.Load, cpu1.Load),
            DatabaseCpuUs: postmasterPid is null ? null : PerApprovalUs(cpu0.Database, cpu1.Database),
            MachineBusy: MachineCpu.BusyBetween(machine0, machine1),
            JitMethods: Sum(SiloMetrics.JitCompiledMethods),
            JitMs: Sum(SiloMetrics.JitCompilationTime) * 1000,
            JitShare: siloCpu > 0 ? Sum(SiloMetrics.JitCompilationTime) / siloCpu : double.NaN,
            AllocatedBytes: Sum(SiloMetrics.AllocatedBytes) / approvals,
            GcPauseShare: Sum(SiloMetrics.GcPauseTime) / seconds / silos.Count,
            GrainWrites: SumOrNull(SiloMetrics.StorageWrites) / approvals,
            GrainReads: SumOrNull(SiloMetrics.StorageReads) / approvals,
            RoundTrips: trips1 - trips0 is { } trips ? trips / approvals : null,
            WarmupSeconds: warmup.Seconds,
            JitSettled: warmup.Settled,
            FirstError: report.FirstError);
    }

    private (double Silos, double Load, double? Database) ReadCpu() =>
        (silos.Sum(s => ProcessTreeCpu.Read(s.Pid, withChildren: false) ?? double.NaN),
         ProcessTreeCpu.Read(load.Pid, withChildren: false) ?? double.NaN,
         postmasterPid is { } pg ? ProcessTreeCpu.Read(pg, withChildren: true) : null);
}
