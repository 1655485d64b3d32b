using System.Diagnostics;

namespace PushAuth.Benchmarks;

/// <summary>Runs an operation from many workers for a fixed time and reports rate and latency percentiles.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, Task> operation, TimeSpan? warmup = null, Func<Task>? onMeasuredStart = null)
    {
        // Warm-up (JIT, pools, caches) is not measured.
        await RunCoreAsync(concurrency, warmup ?? TimeSpan.FromSeconds(2), operation, record: false);
        if (onMeasuredStart is not null)
        {
            await onMeasuredStart();
        }
        return await RunCoreAsync(concurrency, duration, operation, record: true);
    }

    private static async Task<LoadResult> RunCoreAsync(int concurrency, TimeSpan duration, Func<int, Task> operation, bool record)
    {
        var latencies = new List<double>[concurrency];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker);
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        Console.Error.WriteLine($"first error: {ex.GetType().Name}: {ex.Message}");
                    }
                    continue;
                }
                if (record)
                {
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

/// <summary>Completed operations over the elapsed time, with latency percentiles in milliseconds.</summary>
public sealed record LoadResult(long Operations, TimeSpan Elapsed, double P50Ms, double P99Ms, int Errors)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
