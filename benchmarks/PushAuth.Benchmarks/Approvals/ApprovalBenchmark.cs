using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using PushAuth.Benchmarks.Load;
using PushAuth.Benchmarks.Processes;
using PushAuth.DeviceSimulator;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// Complete approvals over real HTTP against the silo as it ships, measured from outside. Per engine: the published
/// silo (Release, Server GC) runs as its own process(es) on loopback with its own SQLite directory or on a private
/// durable PostgreSQL; the load generator is another process (create, long-poll, the phone's pull and signed answer).
/// The load runs until the silos' JIT has settled, then one window at the peak rate and one at half of it are
/// measured; CPU per approval is reported for each process separately. Also pairings per second, the trivial
/// endpoint's ceiling, PostgreSQL's own ceiling (pgbench on shared/ceiling) in the same run, and the stored size of a
/// user's state.
/// </summary>
public static class ApprovalBenchmark
{
    private const int RequestsPerApproval = 4; // create, long-poll read, device pull, device answer
    private const string Tenant = "bench";

    /// <summary>The run's size: the full one, or a smoke run (<c>PUSHAUTH_BENCH_SMOKE=1</c>) that proves the harness works.</summary>
    private static readonly ApprovalRunShape Shape = ApprovalRunShape.FromEnvironment(Environment.GetEnvironmentVariable("PUSHAUTH_BENCH_SMOKE"));

    /// <summary>The engines a run can take, by the names on the command line.</summary>
    public static readonly string[] AllEngines = ["sqlite", "postgres", "postgres2", "azurite"];

    public static async Task RunAsync(TextWriter output, TimeSpan duration, IReadOnlyCollection<string> engines, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "pushauth-approvals-" + Guid.NewGuid().ToString("N"));
        var rows = new List<string>();
        var costs = new List<string>();
        var notes = new List<string>();
        var results = new List<EngineResult>();
        var flowRows = new List<string>();
        using var children = new ChildProcesses(Path.Combine(root, "logs"));
        var repository = PublishedSilo.RepositoryRoot();
        var siloDll = await PublishedSilo.PublishAsync(repository, Path.Combine(repository, "benchmarks", "PushAuth.Benchmarks", "bin", "silo-published"), output, cancellationToken);
        var gc = PublishedSilo.GcMode(Path.GetDirectoryName(siloDll)!);
        output.WriteLine($"logs of every process: {children.LogDirectory}");

        if (engines.Contains("sqlite"))
        {
            var data = Path.Combine(root, "sqlite");
            await RunEngineAsync(new Engine("SQLite", 1, new Dictionary<string, string> { ["PushAuth:Storage:Provider"] = "Sqlite", ["PushAuth:Storage:DataDirectory"] = data }, null, data),
                children, siloDll, null, duration, rows, costs, flowRows, notes, results, output, cancellationToken);
        }
        if (engines.Contains("postgres") || engines.Contains("postgres2"))
        {
            // PUSHAUTH_BENCH_NO_FSYNC=1 shows how much of the gap is commit latency (not for the README figures).
            await using var server = await PostgresServer.StartDedicatedAsync(durable: Environment.GetEnvironmentVariable("PUSHAUTH_BENCH_NO_FSYNC") is null);
            var ceiling = await PgbenchCeilingAsync(server, notes, cancellationToken);
            foreach (var silos in new[] { 1, 2 }.Where(n => engines.Contains(n == 1 ? "postgres" : "postgres2")))
            {
                var db = $"approvals{silos}";
                await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE {db}", cancellationToken);
                await RunEngineAsync(new Engine("PostgreSQL", silos, new Dictionary<string, string> { ["PushAuth:Storage:Provider"] = "Postgres", ["PushAuth:Storage:ConnectionString"] = server.ConnectionStringFor(db) },
                    server.ConnectionStringFor(db), null), children, siloDll, ceiling, duration, rows, costs, flowRows, notes, results, output, cancellationToken);
            }
        }
        if (engines.Contains("azurite"))
        {
            var azurite = await AzuriteServer.SharedAsync();
            await RunEngineAsync(new Engine("Azurite", 1, new Dictionary<string, string> { ["PushAuth:Storage:Provider"] = "AzureStorage", ["PushAuth:Storage:ConnectionString"] = azurite.ConnectionString }, null, null),
                children, siloDll, null, duration, rows, costs, flowRows, notes, results, output, cancellationToken);
        }

        if (Shape.IsSmoke)
        {
            output.WriteLine();
            output.WriteLine($"SMOKE RUN (PUSHAUTH_BENCH_SMOKE=1: {Shape.Users} users, {Shape.Concurrency} concurrent, no JIT settling): it proves the harness works; these figures mean nothing.");
        }
        output.WriteLine();
        output.WriteLine($"Approvals over HTTP ({duration.TotalSeconds:0} s windows, {Shape.Concurrency} concurrent logins, {Shape.Users} users, {Environment.ProcessorCount} cores; "
            + $"published silo, {gc}, in its own process(es); load generator in its own process; durable commits)");
        output.WriteLine();
        output.WriteLine("| engine | silos | pairings/s | approvals/s | p50 / p99 ms | wake p50 / p99 ms at half rate | HTTP ceiling /4 | vs pgbench ceiling | user state stored |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(output.WriteLine);
        output.WriteLine();
        output.WriteLine("Cost per approval, each process measured from outside (CPU from /proc/<pid>/stat; JIT, allocation, GC and grain storage from the silo's meters over EventPipe):");
        output.WriteLine();
        output.WriteLine("| engine | silos | window | approvals/s | silo CPU µs | load generator CPU µs | PostgreSQL CPU µs | machine busy | JIT in window: methods, time (share of silo CPU) | silo KB allocated | GC pause share | grain writes / reads | storage round trips | warm-up |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        costs.ForEach(output.WriteLine);
        output.WriteLine();
        output.WriteLine("Sign-ins per second by flow, each at its peak on the same silos and users (the REST approval; the hosted OpenID Connect prompt: "
            + "PAR, page, push, long-poll, phone, completion, code redemption; CIBA poll mode: backchannel request, phone, one token poll), and the silo CPU of one:");
        output.WriteLine();
        output.WriteLine("| engine | silos | REST approvals/s | OIDC prompt sign-ins/s | CIBA approvals/s | p50 / p99 ms (REST, prompt, CIBA) | silo CPU µs (REST, prompt, CIBA) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        flowRows.ForEach(output.WriteLine);
        output.WriteLine();
        notes.ForEach(n => output.WriteLine("- " + n));
        output.WriteLine();
        output.WriteLine("Goals:");
        var verdicts = ApprovalGoals.Judge(results, Environment.ProcessorCount).ToList();
        verdicts.ForEach(v => output.WriteLine("- " + v));
        if (verdicts.Count == 0)
        {
            output.WriteLine("- none for these engines (the goals are for SQLite and PostgreSQL)");
        }
        try
        {
            Directory.Delete(Path.Combine(root, "sqlite"), recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One engine under test: its silo settings, the database whose transactions and server are measured
    /// (PostgreSQL), and the SQLite directory whose user row is read after the run.</summary>
    private sealed record Engine(string Name, int Silos, Dictionary<string, string> Settings, string? PostgresDatabase, string? SqliteDirectory);

    private static async Task RunEngineAsync(Engine engine, ChildProcesses children, string siloDll, double? pgbenchTps, TimeSpan duration, List<string> rows, List<string> costs,
        List<string> flowRows, List<string> notes, List<EngineResult> results, TextWriter log, CancellationToken cancellationToken)
    {
        var label = $"{engine.Name} x{engine.Silos}";
        log.WriteLine($"{label}: bootstrap-tenant, then {engine.Silos} silo process(es)");
        var (adminKey, loginKey) = await PublishedSilo.BootstrapTenantAsync(siloDll, Tenant, engine.Settings, cancellationToken);
        var silos = new List<PublishedSilo>();
        var metrics = new List<SiloMetrics>();
        try
        {
            for (var i = 0; i < engine.Silos; i++)
            {
                var silo = await PublishedSilo.StartAsync(children, siloDll, $"{engine.Name.ToLowerInvariant()}{engine.Silos}-silo{i}", engine.Settings, cancellationToken);
                silos.Add(silo);
                metrics.Add(SiloMetrics.Start(silo.Pid));
            }
            await ConfigureTenantAsync(silos[0].Address, adminKey, cancellationToken);
            var load = LoadGeneratorProcess.Start(children, $"{engine.Name.ToLowerInvariant()}{engine.Silos}-loadgen",
                new LoadConfig([.. silos.Select(s => s.Address.ToString())], loginKey, adminKey, Shape.Users, Shape.Concurrency, "user", Tenant: Tenant));
            log.WriteLine($"{label}: silos {string.Join(", ", silos)}; load generator pid {load.Pid}; pairing {Shape.Users} users");
            var pairing = await load.SendAsync(new LoadCommand("pair"), TimeSpan.FromMinutes(15), cancellationToken);
            var postmaster = engine.PostgresDatabase is { } pg ? await RoundTripCounter.PostmasterPidAsync(pg, cancellationToken) : (int?)null;
            var measured = new MeasuredProcesses(silos, metrics, load, postmaster, engine.PostgresDatabase);

            await load.SendAsync("peak", cancellationToken);
            var warmup = await measured.WarmUpAsync(Shape.Settling, cancellationToken);
            log.WriteLine($"{label}: warm-up {warmup.Seconds:0} s ({(warmup.Settled ? "JIT settled" : "JIT still busy at the bound")}); measuring the peak");
            var tracePrefix = Path.Combine(children.LogDirectory, $"{engine.Name.ToLowerInvariant()}{engine.Silos}-peak");
            var peak = await measured.MeasureAsync(duration, warmup, cancellationToken, tracePrefix);
            if (SiloTrace.Requested)
            {
                notes.Add($"{label}: sampling traces of the peak window (the sampling's CPU is in that window's figures): {tracePrefix}-silo*.nettrace");
            }

            // Half the peak rate: each worker paces itself. A few seconds at the new rate before the window.
            await load.SendAsync(new LoadCommand("paced", Rate: peak.ApprovalsPerSecond / 2), TimeSpan.FromMinutes(2), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            log.WriteLine($"{label}: measuring half rate ({peak.ApprovalsPerSecond / 2:N0}/s)");
            var half = await measured.MeasureAsync(duration, (warmup.Seconds, warmup.Settled), cancellationToken);

            // The OpenID Connect flows on the same silos and users, each at its peak after its own warm-up (their code
            // paths have not been jitted by the REST load).
            var byFlow = new List<(SignInFlow Flow, PhaseResult Result)> { (SignInFlow.Rest, peak) };
            var flowCosts = new List<string>();
            foreach (var flow in Shape.OidcFlows)
            {
                await load.SendAsync(new LoadCommand("peak", Flow: SignInFlows.Name(flow)), TimeSpan.FromMinutes(2), cancellationToken);
                var flowWarmup = await measured.WarmUpAsync(Shape.Settling, cancellationToken);
                log.WriteLine($"{label}: {SignInFlows.Label(flow)}: warm-up {flowWarmup.Seconds:0} s; measuring the peak");
                var measuredFlow = await measured.MeasureAsync(duration, flowWarmup, cancellationToken);
                byFlow.Add((flow, measuredFlow));
                flowCosts.Add(CostRow(engine, $"{SignInFlows.Name(flow)} peak", measuredFlow));
                if (measuredFlow.Errors > 0)
                {
                    notes.Add(Inv($"{label}: {measuredFlow.Errors} failed {SignInFlows.Label(flow)} in their window; first: {measuredFlow.FirstError}"));
                }
            }
            flowRows.Add(FlowRow(engine, byFlow));

            var trivial = await load.SendAsync(new LoadCommand("http", Seconds: Math.Max(1, (int)duration.TotalSeconds / 2)), TimeSpan.FromMinutes(5), cancellationToken);
            await load.SendAsync(new LoadCommand("probe", Approvals: Shape.ProbeApprovals), TimeSpan.FromMinutes(5), cancellationToken);
            await load.SendAsync("exit", cancellationToken);
            foreach (var silo in silos)
            {
                await ChildProcesses.StopAsync(silo.Process, TimeSpan.FromSeconds(30));
            }
            var state = engine switch
            {
                { SqliteDirectory: { } dir } => await StoredUserState.ReadSqliteAsync(dir, Tenant, LoadGenerator.ProbeUserId, cancellationToken),
                { PostgresDatabase: { } database } => await StoredUserState.ReadPostgresAsync(database, Tenant, LoadGenerator.ProbeUserId, cancellationToken),
                _ => null,
            };

            var httpCeiling = trivial.RequestsPerSecond / RequestsPerApproval;
            var result = new EngineResult(engine.Name, engine.Silos, pairing.PairingsPerSecond, peak, half, httpCeiling, engine.PostgresDatabase is null ? null : pgbenchTps,
                state?.Length, state is null ? null : StoredUserState.Breakdown(state));
            results.Add(result);
            rows.Add(Inv($"| {engine.Name} | {engine.Silos} | {pairing.PairingsPerSecond:N0} | {peak.ApprovalsPerSecond:N0} | {peak.P50Ms:0.0} / {peak.P99Ms:0.0} | ")
                + Inv($"{half.WakeP50Ms:0.0} / {half.WakeP99Ms:0.0} | {httpCeiling:N0} ({peak.ApprovalsPerSecond / httpCeiling:P0}) | ")
                + (result.PgbenchCeiling is { } tps ? Inv($"{tps:N0} tps ({peak.ApprovalsPerSecond / tps:P0})") : "n/a") + " | "
                + (state is null ? "n/a" : Inv($"{state.Length:N0} B")) + " |");
            costs.Add(CostRow(engine, "peak", peak));
            costs.Add(CostRow(engine, "half rate", half));
            costs.AddRange(flowCosts);
            foreach (var (phase, p) in new[] { ("peak", peak), ("half rate", half) })
            {
                if (p.Errors > 0)
                {
                    notes.Add(Inv($"{label}: {p.Errors} failed approvals in the {phase} window."));
                }
            }
            if (state is not null)
            {
                notes.Add($"{label}: the probe user's stored state after {Shape.ProbeApprovals} approvals: {StoredUserState.Breakdown(state)}.");
            }
        }
        finally
        {
            foreach (var m in metrics)
            {
                await m.DisposeAsync();
            }
            foreach (var silo in silos)
            {
                await ChildProcesses.StopAsync(silo.Process, TimeSpan.FromSeconds(30));
            }
        }
    }

    /// <summary>One engine's sign-ins per second by flow, with each flow's latency and silo CPU per sign-in.</summary>
    private static string FlowRow(Engine engine, IReadOnlyList<(SignInFlow Flow, PhaseResult Result)> byFlow)
    {
        string Of(SignInFlow flow, Func<PhaseResult, string> format) => byFlow.FirstOrDefault(f => f.Flow == flow).Result is { } r ? format(r) : "n/a";
        var flows = SignInFlows.All;
        return Inv($"| {engine.Name} | {engine.Silos} | ")
            + string.Join(" | ", flows.Select(f => Of(f, r => Inv($"{r.ApprovalsPerSecond:N0}"))))
            + " | " + string.Join(", ", flows.Select(f => Of(f, r => Inv($"{r.P50Ms:0.0} / {r.P99Ms:0.0}"))))
            + " | " + string.Join(", ", flows.Select(f => Of(f, r => Inv($"{r.SiloCpuUs:N0}")))) + " |";
    }

    private static string CostRow(Engine engine, string phase, PhaseResult p) =>
        Inv($"| {engine.Name} | {engine.Silos} | {phase} | {p.ApprovalsPerSecond:N0} | {p.SiloCpuUs:N0} | {p.LoadCpuUs:N0} | ")
        + (p.DatabaseCpuUs is { } db ? Inv($"{db:N0}") : "n/a")
        + Inv($" | {p.MachineBusy:P0} | {p.JitMethods:N0}, {p.JitMs:N0} ms ({p.JitShare:P1}) | {p.AllocatedBytes / 1024:N1} | {p.GcPauseShare:P1} | ")
        + (p.GrainWrites is { } w ? Inv($"{w:0.00} / {p.GrainReads ?? 0:0.00}") : "n/a") + " | "
        + (p.RoundTrips is { } t ? Inv($"{t:0.00}") : "n/a")
        + Inv($" | {p.WarmupSeconds:0} s{(p.JitSettled ? "" : " (JIT not settled)")} |");

    /// <summary>Many users, each well inside the per-user push limits.</summary>
    private static async Task ConfigureTenantAsync(Uri silo, string adminKey, CancellationToken cancellationToken)
    {
        using var admin = BenchCluster.NewClient(silo, adminKey);
        using var response = await admin.PutAsJsonAsync("/v1/admin/settings",
            new Abstractions.TenantSettings("Bench", NumberMatchingDigits: 2, MaxOutstandingChallenges: 3, PushesPerUserPerMinute: 60), DeviceClient.Json, cancellationToken);
        await DeviceClient.EnsureSuccessAsync(response, cancellationToken);
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
                notes.Add(Inv($"pgbench ceiling with {clients} clients: {tps:N0} approvals/s."));
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

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
