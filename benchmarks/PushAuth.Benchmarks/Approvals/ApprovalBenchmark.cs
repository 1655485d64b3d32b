using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PushAuth.DeviceSimulator;
using PushAuth.Testing;
using PushAuth.Persistence.Sqlite;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// Complete approvals over real HTTP: the login service creates a challenge and long-polls, the simulated phone pulls
/// and answers (signed, with the number), the waiter wakes. Also pairings per second (the setup pairs every user),
/// the harness's trivial-endpoint ceiling, and PostgreSQL's own ceiling (pgbench on shared/ceiling) in the same run.
/// </summary>
public static class ApprovalBenchmark
{
    private const int Users = 2048;
    private const int Concurrency = 32;
    private const int RequestsPerApproval = 4; // create, long-poll read, device pull, device answer

    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        var notes = new List<string>();
        var results = new List<EngineResult>();
        var root = Path.Combine(Path.GetTempPath(), "pushauth-approvals-" + Guid.NewGuid().ToString("N"));
        // PUSHAUTH_BENCH_NO_FSYNC=1 shows how much of the gap is commit latency (not for the README figures).
        await using var server = await PostgresServer.StartDedicatedAsync(durable: Environment.GetEnvironmentVariable("PUSHAUTH_BENCH_NO_FSYNC") is null);
        var ceiling = await PgbenchCeilingAsync(server, notes, cancellationToken);
        await RunConfigAsync(new Engine("SQLite", 1, new() { ["PushAuth:Storage:Provider"] = "Sqlite", ["PushAuth:Storage:DataDirectory"] = root }, null),
            null, duration, rows, notes, results, cancellationToken);
        foreach (var silos in new[] { 1, 2 })
        {
            var db = $"approvals{silos}";
            await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE {db}", cancellationToken);
            await RunConfigAsync(new Engine("PostgreSQL", silos, new() { ["PushAuth:Storage:Provider"] = "Postgres", ["PushAuth:Storage:ConnectionString"] = server.ConnectionStringFor(db) },
                server.ConnectionStringFor(db)), ceiling, duration, rows, notes, results, cancellationToken);
        }
        var azurite = await AzuriteServer.SharedAsync();
        await RunConfigAsync(new Engine("Azurite", 1, new() { ["PushAuth:Storage:Provider"] = "AzureStorage", ["PushAuth:Storage:ConnectionString"] = azurite.ConnectionString }, null),
            null, duration, rows, notes, results, cancellationToken);
        output.WriteLine($"Approvals over HTTP ({duration.TotalSeconds:0} s, {Concurrency} concurrent logins, {Users} users, {Environment.ProcessorCount} cores, silos and load in one process, durable commits)");
        output.WriteLine();
        output.WriteLine("| engine | silos | pairings/s | approvals/s | p50 ms | p99 ms | wake p50 / p99 ms at half rate | grain writes / approval | storage round trips / approval | HTTP ceiling /4 | vs pgbench ceiling |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(output.WriteLine);
        output.WriteLine();
        notes.ForEach(n => output.WriteLine("- " + n));
        output.WriteLine();
        output.WriteLine("Goals:");
        foreach (var verdict in ApprovalGoals.Judge(results))
        {
            output.WriteLine("- " + verdict);
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One engine under test: its silo settings, and the database whose transactions are counted (PostgreSQL).</summary>
    private sealed record Engine(string Name, int Silos, Dictionary<string, string?> Settings, string? PostgresDatabase);

    private static async Task RunConfigAsync(Engine engine, double? pgbenchTps, TimeSpan duration, List<string> rows, List<string> notes,
        List<EngineResult> results, CancellationToken cancellationToken)
    {
        var silos = engine.Silos;
        await using var cluster = await BenchCluster.StartAsync(silos, engine.Settings);
        // Pair every user (device on the last silo, so two silos exercise cross-silo wake-ups).
        var devices = new DeviceClient[Users];
        var pairStart = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (u, ct) => devices[u] = await cluster.PairAsync("user" + u, silos - 1, ct));
        var pairingsPerSecond = Users / Stopwatch.GetElapsedTime(pairStart).TotalSeconds;
        foreach (var d in devices)
        {
            await d.SessionAsync(cancellationToken);
        }

        var next = new int[Concurrency];
        var wakeLatencies = new List<double>[Concurrency];
        Task Approval(int worker) => ApproveAsync(cluster, devices, worker, next, wakeLatencies, cancellationToken);
        for (var w = 0; w < Concurrency; w++)
        {
            wakeLatencies[w] = [];
        }
        using var storageOps = new StorageOperationCounter();
        var roundTrips = new RoundTripCounter(cluster, engine.PostgresDatabase);
        var cpu = new CpuMeter();
        var peak = await LoadRunner.RunAsync(Concurrency, duration, Approval, onMeasuredStart: async () =>
        {
            storageOps.Reset();
            await roundTrips.StartAsync(cancellationToken);
            cpu.Start();
        });
        var (processCpu, machineBusy, wall) = cpu.Stop();
        var trips = await roundTrips.StopAsync(cancellationToken);
        var (reads, writes) = storageOps.Snapshot();
        var (pushP50, pushP99) = storageOps.PushDelay();
        var approvals = Math.Max(1.0, peak.Operations);
        notes.Add($"{engine.Name} x{silos}: per approval {writes / approvals:0.00} grain writes and {reads / approvals:0.00} grain-state reads (activations); "
            + (trips is { } t ? $"{t / approvals:0.00} storage round trips ({roundTrips.Describe}); " : "")
            + $"push handed to the transport {pushP50:0.0} ms p50 / {pushP99:0.0} ms p99 after the write that owed it; "
            + $"{processCpu.TotalMilliseconds * 1000 / approvals:N0} µs of silo+load CPU per approval, machine {machineBusy:P0} busy over {wall.TotalSeconds:0} s.");

        // Half the peak rate: each worker paces itself.
        foreach (var list in wakeLatencies)
        {
            list.Clear();
        }
        var interval = TimeSpan.FromSeconds(Concurrency / Math.Max(1, peak.PerSecond / 2));
        await LoadRunner.RunAsync(Concurrency, duration / 2, async worker =>
        {
            var started = Stopwatch.GetTimestamp();
            await Approval(worker);
            var left = interval - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken);
            }
        }, TimeSpan.Zero);
        var wakes = wakeLatencies.SelectMany(l => l).Order().ToArray();

        var trivial = await LoadRunner.RunAsync(Concurrency, duration / 2, async worker =>
        {
            using var response = await cluster.Anonymous[worker % silos].GetAsync("/healthz", cancellationToken);
        });
        rows.Add($"| {engine.Name} | {silos} | {pairingsPerSecond:N0} | {peak.PerSecond:N0} | {peak.P50Ms:0.0} | {peak.P99Ms:0.0} | {Pct(wakes, 0.5):0.0} / {Pct(wakes, 0.99):0.0} | "
            + $"{writes / approvals:0.00} | " + (trips is { } rt ? $"{rt / approvals:0.00}" : "n/a") + " | "
            + $"{trivial.PerSecond / RequestsPerApproval:N0} ({peak.PerSecond / (trivial.PerSecond / RequestsPerApproval):P0}) | "
            + (pgbenchTps is { } tps && engine.PostgresDatabase is not null ? $"{tps:N0} tps ({peak.PerSecond / tps:P0})" : "n/a") + " |");
        results.Add(new EngineResult(engine.Name, silos, peak.PerSecond, Pct(wakes, 0.99), writes / approvals, trips / approvals, processCpu / approvals, machineBusy,
            trivial.PerSecond / RequestsPerApproval, engine.PostgresDatabase is null ? null : pgbenchTps));
        if (peak.Errors > 0)
        {
            notes.Add($"{engine.Name} x{silos}: {peak.Errors} failed approvals during the peak run.");
        }
        foreach (var d in devices)
        {
            d.Dispose();
        }
    }

    private static async Task ApproveAsync(BenchCluster cluster, DeviceClient[] devices, int worker, int[] next, List<double>[] wakes, CancellationToken cancellationToken)
    {
        var slots = Users / Concurrency;
        var user = worker + (Concurrency * (next[worker]++ % slots));
        var silo = worker % cluster.Login.Count;
        var login = cluster.Login[silo];
        using var create = await login.PostAsJsonAsync("/v1/challenges", new { userId = "user" + user, context = new { service = "Bench", action = "Sign in", sourceIp = "198.51.100.7" } }, cancellationToken);
        var challenge = await DeviceClient.ReadAsync<JsonElement>(create, cancellationToken);
        var id = challenge.GetProperty("challengeId").GetString();
        var waiter = login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=20", cancellationToken);
        var device = devices[user];
        var pending = (await device.PullAsync(cancellationToken)).Single(c => c.ChallengeId == id);
        var answeredAt = Stopwatch.GetTimestamp();
        using (var answer = await device.AnswerAsync(pending, approve: true, challenge.GetProperty("numberMatch").GetString(), cancellationToken: cancellationToken))
        {
            answer.EnsureSuccessStatusCode();
        }
        var result = await waiter;
        wakes[worker].Add(Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds);
        if (result.GetProperty("status").GetString() != "Approved")
        {
            throw new InvalidOperationException("the waiter did not see the approval");
        }
    }

    /// <summary>pgbench on shared/ceiling (the least database work one approval can do), best of 8 and 32 clients.</summary>
    private static async Task<double?> PgbenchCeilingAsync(PostgresServer server, List<string> notes, CancellationToken cancellationToken)
    {
        var dir = FindCeilingDirectory();
        if (dir is null || !File.Exists("/usr/bin/pgbench"))
        {
            notes.Add("pgbench or ../shared/ceiling not found: no database ceiling in this run.");
            return null;
        }
        await ExecuteAsync(server.AdminConnectionString, "CREATE DATABASE ceiling", cancellationToken);
        await ExecuteAsync(server.ConnectionStringFor("ceiling"), await File.ReadAllTextAsync(Path.Combine(dir, "schema.sql"), cancellationToken), cancellationToken);
        double best = 0;
        foreach (var clients in new[] { 8, 32 })
        {
            var start = new ProcessStartInfo("/usr/bin/pgbench", ["-n", "-M", "prepared", "-f", Path.Combine(dir, "lifecycle.sql"), "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", "2", "-T", "10", "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "ceiling"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            if (line is not null && double.TryParse(line["tps = ".Length..].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var tps))
            {
                notes.Add($"pgbench ceiling with {clients} clients: {tps:N0} approvals/s.");
                best = Math.Max(best, tps);
            }
        }
        return best > 0 ? best : null;
    }

    private static string? FindCeilingDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "ceiling");
            if (File.Exists(Path.Combine(candidate, "lifecycle.sql")))
            {
                return candidate;
            }
        }
        return null;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static double Pct(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
