using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PushAuth.Benchmarks.Push;
using PushAuth.Benchmarks.Totp;

// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- <writes|approvals|push|totp|backup|backup-crypto|all|history> [seconds]
// (history is not part of all: it loads 1,000,000 rows into its own PostgreSQL first)
// dotnet run -c Release --project benchmarks/PushAuth.Benchmarks -- soak [minutes]   (default 10; exit code 1 if memory grew past the bound)
var what = args.Length > 0 ? args[0] : "all";
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

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
    await PushAuth.Benchmarks.Approvals.ApprovalBenchmark.RunAsync(Console.Out, duration, cancel.Token);
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
