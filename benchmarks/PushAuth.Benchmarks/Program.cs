using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PushAuth.Benchmarks.Push;
using PushAuth.Benchmarks.Totp;

// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- <writes|approvals|push|totp|backup|backup-crypto|all|history> [seconds]
// (history is not part of all: it loads 1,000,000 rows into its own PostgreSQL first)
// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- approvals [seconds] [sqlite|postgres|postgres2|azurite ...]   (default: all four)
//   (REST approvals, then OIDC prompt sign-ins and CIBA approvals on the same silos; PUSHAUTH_BENCH_SMOKE=1: a short run proving the harness, figures meaningless)
// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- scale [users] [active]   (default 1,000,000 and 100,000; not part of all)
// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- soak [minutes]   (default 10; exit code 1 if memory grew past the bound)
var what = args.Length > 0 ? args[0] : "all";
using var cancel = new CancellationTokenSource();
// Ctrl+C, SIGTERM and SIGHUP end the run the same way: the token cancels, every await using and using unwinds, and
// the child processes (silos, load generator, PostgreSQL) are stopped. A second Ctrl+C ends the process at once;
// its exit handler still kills the children.
var signalled = 0;
void Stop(PosixSignalContext context)
{
    if (Interlocked.Increment(ref signalled) == 1)
    {
        context.Cancel = true;
        cancel.Cancel();
    }
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
if (what is "loadgen")
{
    // The approvals and scale benchmarks' load generator, started by them as a child process: not a command to run by hand.
    return await PushAuth.Benchmarks.Load.LoadGenerator.RunAsync(args[1], cancel.Token);
}
if (what is "scale")
{
    var users = args.Length > 1 ? int.Parse(args[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1_000_000;
    var active = args.Length > 2 ? int.Parse(args[2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 100_000;
    return await Cancellable(() => PushAuth.Benchmarks.Scale.ScaleBenchmark.RunAsync(Console.Out, users, active, cancel.Token));
}
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);

if (what is "soak")
{
    var minutes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
    return await PushAuth.Benchmarks.Soak.SoakBenchmark.RunAsync(Console.Out, TimeSpan.FromMinutes(minutes), cancel.Token);
}
if (what is "writes" or "all")
{
    await PushAuth.Benchmarks.Writes.GrainWriteBenchmark.RunAsync(Console.Out, duration, cancel.Token);
    Console.WriteLine();
}
if (what is "approvals" or "all")
{
    var engines = what is "approvals" && args.Length > 2 ? args[2..].Select(e => e.ToLowerInvariant()).ToArray() : PushAuth.Benchmarks.Approvals.ApprovalBenchmark.AllEngines;
    if (engines.Except(PushAuth.Benchmarks.Approvals.ApprovalBenchmark.AllEngines).FirstOrDefault() is { } unknown)
    {
        await Console.Error.WriteLineAsync($"unknown engine '{unknown}': use any of {string.Join(", ", PushAuth.Benchmarks.Approvals.ApprovalBenchmark.AllEngines)}");
        return 2;
    }
    if (await Cancellable(() => PushAuth.Benchmarks.Approvals.ApprovalBenchmark.RunAsync(Console.Out, duration, engines, cancel.Token)) != 0)
    {
        return 130;
    }
    Console.WriteLine();
}
if (what is "push" or "all")
{
    await PushThroughputBenchmark.RunAsync(Console.Out, duration, cancel.Token);
    Console.WriteLine();
}
if (what is "history")
{
    await PushAuth.Benchmarks.History.HistoryBenchmark.RunAsync(Console.Out, duration, cancel.Token);
    Console.WriteLine();
}
if (what is "totp" or "all")
{
    // In-process: no second build of this solution (which can time out on a busy 2-core machine).
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<TotpVerifyBenchmark>(config, args.Skip(2).ToArray());
}
if (what is "backup" or "all")
{
    await PushAuth.Benchmarks.Backup.BackupRoundTripBenchmark.RunAsync(Console.Out, duration, cancel.Token);
    Console.WriteLine();
}
if (what is "backup-crypto" or "all")
{
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<PushAuth.Benchmarks.Backup.BackupUnlockBenchmark>(config, args.Skip(2).ToArray());
    BenchmarkRunner.Run<PushAuth.Benchmarks.Backup.PasscodeKdfBenchmark>(config, args.Skip(2).ToArray());
}
return 0;

// A run stopped by a signal ends with 130 and one line, not a stack trace: its child processes are stopped by then.
async Task<int> Cancellable(Func<Task> run)
{
    try
    {
        await run();
        return 0;
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("stopped: the silos, the load generator and the private PostgreSQL were shut down.");
        return 130;
    }
}
