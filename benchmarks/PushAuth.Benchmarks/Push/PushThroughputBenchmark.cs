using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PushAuth.Push;
using PushAuth.Push.Fakes;

namespace PushAuth.Benchmarks.Push;

/// <summary>
/// Pushes per second from one sender to each in-process fake over one HTTP/2 connection with many sends in flight,
/// and the per-send latency (p50/p99). CPU and allocations per push cover the sender and the fake together (one process).
/// Prints a markdown table.
/// </summary>
public static class PushThroughputBenchmark
{
    /// <summary>Sends in flight at once.</summary>
    public const int Concurrency = 64;

    /// <summary>Runs both measurements with the default sizes.</summary>
    public static Task RunAsync(TextWriter output, CancellationToken ct) => RunAsync(output, TimeSpan.FromSeconds(5), ct);

    /// <summary>Runs both measurements, each for <paramref name="duration"/> after a warm-up.</summary>
    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<Row>();

        await using (var fcm = await FakeFcmServer.StartAsync(cancellationToken: ct))
        {
            using var sender = new FcmSender(
                new FcmOptions { ProjectId = fcm.ProjectId, ServiceAccountJson = fcm.ServiceAccountJson, BaseAddress = fcm.BaseAddress },
                TimeProvider.System,
                NullLogger<FcmSender>.Instance);
            rows.Add(await MeasureAsync("FCM HTTP v1 (h2c)", sender, PushProvider.Fcm, duration, () => fcm.Connections.Accepted, ct));
        }

        await using (var apns = await FakeApnsServer.StartAsync(cancellationToken: ct))
        {
            using var sender = new ApnsSender(
                new ApnsOptions
                {
                    TeamId = apns.TeamId,
                    KeyId = apns.KeyId,
                    PrivateKeyPem = apns.SigningKeyPem,
                    BundleId = apns.BundleId,
                    BaseAddress = apns.BaseAddress,
                    ServerCertificateValidation = apns.CertificateValidationCallback,
                },
                TimeProvider.System,
                NullLogger<ApnsSender>.Instance);
            rows.Add(await MeasureAsync("APNs (HTTP/2 + TLS)", sender, PushProvider.Apns, duration, () => apns.Connections.Accepted, ct));
        }

        await output.WriteLineAsync($"### Push senders against the in-process fakes ({Concurrency} in flight, {Environment.ProcessorCount} cores)").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| Target | Pushes | Pushes/s | p50 (ms) | p99 (ms) | CPU µs/push | KB allocated/push | Connections | Not delivered |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---:|---:|").ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Target} | {row.Sends} | {row.PerSecond:F0} | {row.P50Ms:F2} | {row.P99Ms:F2} | {row.CpuMicrosPerPush:F0} | {row.KbPerPush:F1} | {row.Connections} | {row.Failures} |")).ConfigureAwait(false);
        }
    }

    private static async Task<Row> MeasureAsync(string target, IPushSender sender, PushProvider provider, TimeSpan duration, Func<int> connections, CancellationToken ct)
    {
        // Warm-up: token fetch, connection, JIT.
        await RunWorkersAsync(sender, provider, TimeSpan.FromSeconds(1), null, ct).ConfigureAwait(false);

        var latencies = new List<long>[Concurrency];
        for (var i = 0; i < latencies.Length; i++)
        {
            latencies[i] = new List<long>(64 * 1024);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var failures = await RunWorkersAsync(sender, provider, duration, latencies, ct).ConfigureAwait(false);
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        var cpuMicrosPerPush = all.Length == 0 ? 0 : cpu.TotalMicroseconds / all.Length;
        var kbPerPush = all.Length == 0 ? 0 : allocated / 1024.0 / all.Length;
        return new Row(target, all.Length, all.Length / watch.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), cpuMicrosPerPush, kbPerPush, connections(), failures);
    }

    private static async Task<int> RunWorkersAsync(IPushSender sender, PushProvider provider, TimeSpan duration, List<long>[]? latencies, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var failures = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(worker => Task.Run(
            async () =>
            {
                var token = provider == PushProvider.Apns
                    ? Convert.ToHexStringLower(BitConverter.GetBytes((long)worker)).PadRight(64, 'a')
                    : "bench-token-" + worker.ToString(CultureInfo.InvariantCulture);
                var sequence = 0;
                while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
                {
                    var message = new PushMessage(
                        Guid.NewGuid().ToString("D"),
                        provider,
                        token,
                        provider == PushProvider.Apns ? "ios" : "android",
                        "challenge",
                        "ch_" + worker.ToString(CultureInfo.InvariantCulture) + "_" + (sequence++).ToString(CultureInfo.InvariantCulture),
                        "nonce",
                        DateTimeOffset.UtcNow.AddMinutes(2));
                    var start = Stopwatch.GetTimestamp();
                    var result = await sender.SendAsync(message, ct).ConfigureAwait(false);
                    var elapsed = Stopwatch.GetTimestamp() - start;
                    if (result.Kind != PushResultKind.Delivered)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else
                    {
                        latencies?[worker].Add(elapsed);
                    }
                }
            },
            ct));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return failures;
    }

    private sealed record Row(string Target, int Sends, double PerSecond, double P50Ms, double P99Ms, double CpuMicrosPerPush, double KbPerPush, int Connections, int Failures);
}
