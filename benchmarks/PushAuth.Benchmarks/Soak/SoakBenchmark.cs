using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Benchmarks.Approvals;
using PushAuth.DeviceSimulator;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.Soak;

/// <summary>
/// Issue 12 item 25: two silos on a private PostgreSQL (durable commits) run complete approvals over HTTP at half the
/// peak rate measured first, for N minutes. Reports approvals and p99 per minute, resident memory and activations at the
/// start and end, and fails (exit code 1) when memory grows past the activation-collection bound: with a fixed user
/// population every grain is already active when the soak starts, so activations must not rise and resident memory may
/// only move by GC noise (at most 25 % over the start).
/// </summary>
public static class SoakBenchmark
{
    private const int Users = 512;
    private const int Concurrency = 32;
    private const double AllowedMemoryGrowth = 0.25;

    public static async Task<int> RunAsync(TextWriter output, TimeSpan soak, CancellationToken cancellationToken)
    {
        await using var server = await PostgresServer.StartDedicatedAsync(durable: true);
        var db = await server.CreateDatabaseAsync("soak", cancellationToken);
        await using var cluster = await BenchCluster.StartAsync(2, new() { ["PushAuth:Storage:Provider"] = "Postgres", ["PushAuth:Storage:ConnectionString"] = db });
        var devices = new DeviceClient[Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (u, ct) => devices[u] = await cluster.PairAsync("user" + u, u % 2, ct));
        foreach (var d in devices)
        {
            await d.SessionAsync(cancellationToken);
        }
        var next = new int[Concurrency];
        Task Approval(int worker) => ApproveAsync(cluster, devices, worker, next, cancellationToken);

        var peak = await LoadRunner.RunAsync(Concurrency, TimeSpan.FromSeconds(20), Approval);
        var rate = Math.Max(1, peak.PerSecond / 2);
        output.WriteLine($"Soak: 2 silos on PostgreSQL (durable), {Users} users, {Concurrency} workers, {Environment.ProcessorCount} cores, silos and load in one process");
        output.WriteLine($"peak {peak.PerSecond:0.0} approvals/s (p99 {peak.P99Ms:0} ms over 20 s); soaking at {rate:0.0}/s for {soak.TotalMinutes:0} min");
        output.WriteLine();

        var startRss = ResidentMegabytes();
        var startActivations = await ActivationsAsync(cluster);
        var minutes = (int)Math.Ceiling(soak.TotalMinutes);
        var buckets = Enumerable.Range(0, minutes).Select(_ => new List<double>()).ToArray();
        var errors = 0;
        var interval = TimeSpan.FromSeconds(Concurrency / rate);
        var began = Stopwatch.GetTimestamp();
        var stopAt = began + (long)(soak.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, Concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await Approval(worker);
                    var minute = Math.Min(minutes - 1, (int)Stopwatch.GetElapsedTime(began).TotalMinutes);
                    var bucket = buckets[minute];
                    lock (bucket)
                    {
                        bucket.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
                var left = interval - Stopwatch.GetElapsedTime(t0);
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(left, CancellationToken.None);
                }
            }
        }, CancellationToken.None)).ToArray();
        var memory = new List<string>();
        var sampler = Task.Run(async () =>
        {
            for (var m = 1; m <= minutes && !cancellationToken.IsCancellationRequested; m++)
            {
                var due = TimeSpan.FromMinutes(m) - Stopwatch.GetElapsedTime(began);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, CancellationToken.None);
                }
                memory.Add($"{ResidentMegabytes():0}");
            }
        }, CancellationToken.None);
        await Task.WhenAll(workers);
        await sampler;

        // The end figure after a full collection, like the start one: what is still reachable, not garbage not yet collected.
        var endRss = ResidentMegabytes();
        var endActivations = await ActivationsAsync(cluster);
        output.WriteLine("| minute | approvals/s | p50 ms | p99 ms | resident MB at its end |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        var all = new List<double>();
        for (var m = 0; m < minutes; m++)
        {
            var sorted = buckets[m].Order().ToArray();
            all.AddRange(sorted);
            var seconds = Math.Min(60, soak.TotalSeconds - (m * 60));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m + 1} | {sorted.Length / seconds:0.0} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.99):0} | {(m < memory.Count ? memory[m] : "")} |"));
        }
        var total = all.Order().ToArray();
        output.WriteLine();
        output.WriteLine($"overall: {total.Length} approvals, {errors} errors, p99 {Percentile(total, 0.99):0} ms");
        output.WriteLine($"resident memory: {startRss:0} MB at the start, {endRss:0} MB at the end ({(endRss - startRss) / startRss:+0%;-0%}); activations {startActivations} → {endActivations}");
        var withinBound = endActivations <= startActivations && endRss <= startRss * (1 + AllowedMemoryGrowth);
        output.WriteLine(withinBound
            ? $"memory within the activation-collection bound (no new activations; resident growth ≤ {AllowedMemoryGrowth:P0})"
            : $"MEMORY GREW beyond the activation-collection bound (activations or resident memory over {AllowedMemoryGrowth:P0} growth)");
        return withinBound && errors == 0 ? 0 : 1;
    }

    private static async Task ApproveAsync(BenchCluster cluster, DeviceClient[] devices, int worker, int[] next, CancellationToken cancellationToken)
    {
        var slots = Users / Concurrency;
        var user = worker + (Concurrency * (next[worker]++ % slots));
        var login = cluster.Login[worker % 2];
        using var create = await login.PostAsJsonAsync("/v1/challenges", new { userId = "user" + user, context = new { service = "Soak", action = "Sign in" } }, cancellationToken);
        var challenge = await DeviceClient.ReadAsync<JsonElement>(create, cancellationToken);
        var id = challenge.GetProperty("challengeId").GetString();
        var waiter = login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=20", cancellationToken);
        var device = devices[user];
        var pending = (await device.PullAsync(cancellationToken)).Single(c => c.ChallengeId == id);
        using (var answer = await device.AnswerAsync(pending, approve: true, challenge.GetProperty("numberMatch").GetString(), cancellationToken: cancellationToken))
        {
            answer.EnsureSuccessStatusCode();
        }
        if ((await waiter).GetProperty("status").GetString() != "Approved")
        {
            throw new InvalidOperationException("the waiter did not see the approval");
        }
    }

    /// <summary>Resident set of this process (both silos and the load) after a full, compacting collection.</summary>
    private static double ResidentMegabytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / (1024.0 * 1024.0);
    }

    private static async Task<int> ActivationsAsync(BenchCluster cluster)
    {
        var management = cluster.Services.First().GetRequiredService<Orleans.IGrainFactory>().GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        return stats.Sum(s => s.ActivationCount);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
