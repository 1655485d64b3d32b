using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Orleans.Configuration;
using PushAuth.Benchmarks.Approvals;
using PushAuth.Benchmarks.Load;
using PushAuth.Benchmarks.Processes;
using PushAuth.DeviceSimulator;
using PushAuth.Security;

namespace PushAuth.Benchmarks.Scale;

/// <summary>
/// The scale figure: a SQLite silo (published, its own process) with <c>users</c> registered users (seeded through
/// storage, see <see cref="UserSeeder"/>), of which <c>active</c> sign in once each within the measured window,
/// driven by the load generator process. Reported: the silo's memory per active user (resident and managed heap,
/// each after a full GC induced over EventPipe), activations, the activation-collection settings in force and what
/// they keep in memory, and the approval rate at the end of the window against its start.
/// </summary>
public static class ScaleBenchmark
{
    private const string Tenant = "bench";
    private const int Concurrency = 32;
    private const string TemplateUser = "scale-template";
    private static readonly TimeSpan SplitEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WindowBound = TimeSpan.FromMinutes(60);

    public static async Task RunAsync(TextWriter output, int users, int active, CancellationToken cancellationToken)
    {
        if (active > users || users < 1)
        {
            throw new ArgumentException($"active ({active}) must be at most users ({users})");
        }
        var root = Path.Combine(Path.GetTempPath(), "pushauth-scale-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "sqlite");
        using var children = new ChildProcesses(Path.Combine(root, "logs"));
        try
        {
            await RunCoreAsync(output, children, data, users, active, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RunCoreAsync(TextWriter output, ChildProcesses children, string data, int users, int active, CancellationToken cancellationToken)
    {
        var repository = PublishedSilo.RepositoryRoot();
        var siloDll = await PublishedSilo.PublishAsync(repository, Path.Combine(repository, "benchmarks", "PushAuth.Benchmarks", "bin", "silo-published"), output, cancellationToken);
        output.WriteLine($"logs of every process: {children.LogDirectory}");
        var settings = new Dictionary<string, string> { ["PushAuth:Storage:Provider"] = "Sqlite", ["PushAuth:Storage:DataDirectory"] = data };
        var (adminKey, loginKey) = await PublishedSilo.BootstrapTenantAsync(siloDll, Tenant, settings, cancellationToken);

        // 1. The template user, paired through the API by the real silo.
        using var key = DeviceKeyPair.Create();
        var pkcs8 = key.ExportPkcs8();
        UserSeeder.Template template;
        var silo = await PublishedSilo.StartAsync(children, siloDll, "scale-seed-silo", settings, cancellationToken);
        {
            using var admin = BenchCluster.NewClient(silo.Address, adminKey);
            using var settingsResponse = await admin.PutAsJsonAsync("/v1/admin/settings",
                new Abstractions.TenantSettings("Bench", NumberMatchingDigits: 2, MaxOutstandingChallenges: 3, PushesPerUserPerMinute: 60), DeviceClient.Json, cancellationToken);
            await DeviceClient.EnsureSuccessAsync(settingsResponse, cancellationToken);
            using var login = BenchCluster.NewClient(silo.Address, loginKey);
            using var anonymous = BenchCluster.NewClient(silo.Address, null);
            var device = new DeviceClient(anonymous, key);
            var deviceId = await device.RegisterAsync(cancellationToken: cancellationToken);
            var (pairingId, phrase) = await device.RequestPairingPhraseAsync(cancellationToken);
            using (var claim = await login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = TemplateUser, serviceName = "Bench" }, cancellationToken))
            {
                await DeviceClient.EnsureSuccessAsync(claim, cancellationToken);
            }
            using var confirm = await device.ConfirmPairingAsync(pairingId, accept: true, cancellationToken);
            await DeviceClient.EnsureSuccessAsync(confirm, cancellationToken);
            using var methods = await login.GetAsync($"/v1/users/{TemplateUser}/methods", cancellationToken);
            var list = await DeviceClient.ReadAsync<System.Text.Json.JsonElement>(methods, cancellationToken);
            var methodId = FindMethodId(list, deviceId);
            template = new UserSeeder.Template(TemplateUser, deviceId, methodId, Tenant);
        }
        await ChildProcesses.StopAsync(silo.Process, TimeSpan.FromSeconds(30));

        // 2. A million users, straight into storage.
        var database = Path.Combine(data, "pushauth.db");
        output.WriteLine(Inv($"seeding {users:N0} users from the template (user {template.UserId}, device {template.DeviceId})"));
        var (rows, seeding) = await UserSeeder.SeedAsync(database, template, users, cancellationToken);
        output.WriteLine(Inv($"seeded {rows:N0} rows in {seeding.TotalSeconds:0.0} s ({rows / seeding.TotalSeconds:N0} rows/s); database {new FileInfo(database).Length / 1048576.0:N0} MB"));

        // 3. The silo again, the load generator, and a warm-up on users outside the active set.
        silo = await PublishedSilo.StartAsync(children, siloDll, "scale-silo", settings, cancellationToken);
        await using var metrics = SiloMetrics.Start(silo.Pid);
        var load = LoadGeneratorProcess.Start(children, "scale-loadgen",
            new LoadConfig([silo.Address.ToString()], loginKey, adminKey, users, Concurrency, "u", SeededDeviceKey: pkcs8));
        await load.SendAsync(new LoadCommand("sequence", From: active, To: users), TimeSpan.FromMinutes(1), cancellationToken);
        var warmupStarted = Stopwatch.GetTimestamp();
        var rule = JitSettling.Default;
        bool settled;
        while (true)
        {
            await Task.Delay(1000, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(warmupStarted);
            var (done, isSettled) = rule.Decide(elapsed, [rule.RecentMethods(metrics.Series(SiloMetrics.JitCompiledMethods), DateTime.UtcNow)]);
            if (done)
            {
                settled = isSettled;
                break;
            }
        }
        var warm = await load.SendAsync("split", cancellationToken);
        await load.SendAsync("idle", cancellationToken);
        output.WriteLine(Inv($"warm-up: {warm.Approvals:N0} sign-ins of users outside the active set in {Stopwatch.GetElapsedTime(warmupStarted).TotalSeconds:0} s ({(settled ? "JIT settled" : "JIT still busy at the bound")})"));
        var before = await MemoryAsync(silo.Pid, metrics, cancellationToken);

        // 4. The window: each active user signs in once.
        var splits = new List<LoadReply>();
        var windowStarted = Stopwatch.GetTimestamp();
        var cpu0 = ProcessTreeCpu.Read(silo.Pid, withChildren: false);
        var jit0 = (Methods: metrics.Series(SiloMetrics.JitCompiledMethods).Last, Seconds: metrics.Series(SiloMetrics.JitCompilationTime).Last);
        await load.SendAsync("mark", cancellationToken);
        await load.SendAsync(new LoadCommand("sequence", From: 0, To: active), TimeSpan.FromMinutes(1), cancellationToken);
        var boundHit = false;
        var lastSplit = Stopwatch.GetTimestamp();
        while (true)
        {
            // Checked every second so the window ends with the last sign-in, split every 10 s for the rate over time.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var remaining = (await load.SendAsync("report", cancellationToken)).Remaining;
            if (remaining == 0)
            {
                break;
            }
            if (Stopwatch.GetElapsedTime(lastSplit) >= SplitEvery)
            {
                lastSplit = Stopwatch.GetTimestamp();
                var split = await load.SendAsync("split", cancellationToken);
                splits.Add(split);
                output.WriteLine(Inv($"  {Stopwatch.GetElapsedTime(windowStarted).TotalSeconds,5:0} s: {split.PerSecond,7:N0} approvals/s, p99 {split.P99Ms,6:0.0} ms, {split.Errors} errors, {split.Remaining:N0} users to go"));
            }
            if (Stopwatch.GetElapsedTime(windowStarted) > WindowBound)
            {
                boundHit = true;
                break;
            }
        }
        await load.SendAsync("idle", TimeSpan.FromMinutes(2), cancellationToken);
        splits.Add(await load.SendAsync("split", cancellationToken));
        var window = Stopwatch.GetElapsedTime(windowStarted);
        var siloCpu = ProcessTreeCpu.Read(silo.Pid, withChildren: false) - cpu0;
        var jit1 = (Methods: metrics.Series(SiloMetrics.JitCompiledMethods).Last, Seconds: metrics.Series(SiloMetrics.JitCompilationTime).Last);
        var after = await MemoryAsync(silo.Pid, metrics, cancellationToken);
        await load.SendAsync("exit", cancellationToken);

        // 5. The figures.
        var signedIn = splits.Sum(s => s.Approvals);
        var errors = splits.Sum(s => s.Errors);
        // Whole 10-s splits only: the last one, after the final sign-in, is the drain of the workers' last approvals.
        var full = splits.Where(s => s.Seconds >= SplitEvery.TotalSeconds * 0.9 && s.Approvals > 0).ToList() is { Count: > 0 } whole ? whole : splits;
        var startRate = full.Count > 0 ? full[0].PerSecond : double.NaN;
        var endRate = full.Count > 0 ? full[^1].PerSecond : double.NaN;
        var perUserRss = (after.ResidentBytes - before.ResidentBytes) / Math.Max(1, signedIn);
        var perUserHeap = (after.HeapBytes - before.HeapBytes) / Math.Max(1, signedIn);
        var collection = new GrainCollectionOptions();
        var rate = signedIn / window.TotalSeconds;
        var kept = Math.Min(users, rate * collection.CollectionAge.TotalSeconds);
        output.WriteLine();
        output.WriteLine(Inv($"Scale (SQLite, one published silo, {Environment.ProcessorCount} cores): {users:N0} registered users, {active:N0} sign in once each within the window"));
        output.WriteLine();
        output.WriteLine("| figure | value |");
        output.WriteLine("|---|---:|");
        output.WriteLine(Inv($"| registered users (seeded through storage) | {users:N0} in {seeding.TotalSeconds:0} s |"));
        output.WriteLine(Inv($"| users signed in during the window | {signedIn:N0} in {window.TotalSeconds:0} s ({rate:N0}/s){(errors > 0 ? Inv($", {errors:N0} errors") : "")}{(boundHit ? ", stopped at the 60-minute bound" : "")} |"));
        output.WriteLine(Inv($"| approval rate, first against last 10 s | {startRate:N0}/s → {endRate:N0}/s ({endRate / startRate:0.00}x) |"));
        output.WriteLine(Inv($"| silo CPU per sign-in (session opened, approval) | {siloCpu * 1e6 / Math.Max(1, signedIn):N0} µs |"));
        output.WriteLine(Inv($"| JIT during the window | {jit1.Methods - jit0.Methods:N0} methods, {(jit1.Seconds - jit0.Seconds) * 1000:N0} ms ({(jit1.Seconds - jit0.Seconds) / siloCpu:P1} of the silo's CPU) |"));
        output.WriteLine(Inv($"| silo resident memory after a full GC, start → end | {before.ResidentBytes / 1048576:N0} MB → {after.ResidentBytes / 1048576:N0} MB |"));
        output.WriteLine(Inv($"| silo managed heap after a full GC, start → end | {before.HeapBytes / 1048576:N0} MB → {after.HeapBytes / 1048576:N0} MB |"));
        output.WriteLine(Inv($"| memory per active user (user and device activations) | {perUserRss / 1024:N1} KB resident, {perUserHeap / 1024:N1} KB managed heap |"));
        output.WriteLine(Inv($"| activations, start → end | user {before.UserActivations:N0} → {after.UserActivations:N0}, device {before.DeviceActivations:N0} → {after.DeviceActivations:N0}, all {before.Activations:N0} → {after.Activations:N0} |"));
        output.WriteLine();
        output.WriteLine(Inv($"Activation collection in force: Orleans' defaults (the silo sets none): an activation idle for CollectionAge = {collection.CollectionAge.TotalMinutes:0} min is collected, checked every CollectionQuantum = {collection.CollectionQuantum.TotalSeconds:0} s. ")
            + Inv($"The window was shorter than CollectionAge, so every active user stayed in memory: the figure above is the cost of one. ")
            + Inv($"Memory is flat once users start ageing out: at {rate:N0} sign-ins/s of distinct users the silo keeps about {kept:N0} users active ")
            + Inv($"({kept * perUserRss / 1048576:N0} MB resident above the start), and a memory budget B per silo needs CollectionAge <= B / ({rate:N0}/s × {perUserRss / 1024:N1} KB)."));
    }

    private sealed record Memory(double ResidentBytes, double HeapBytes, double Activations, double UserActivations, double DeviceActivations);

    /// <summary>Resident memory (/proc) and managed heap after a full GC induced over EventPipe, and activations by type.</summary>
    private static async Task<Memory> MemoryAsync(int pid, SiloMetrics metrics, CancellationToken cancellationToken)
    {
        await SiloMetrics.ForceFullGcAsync(pid, cancellationToken);
        // Two collections of the meters after the GC, so the gauges describe the heap it left.
        await Task.Delay(2500, cancellationToken);
        var rss = (ProcStat.Read(pid)?.ResidentPages ?? 0) * (double)Environment.SystemPageSize;
        var byType = metrics.LatestByTags(SiloMetrics.Activations);
        double Of(string type) => byType.Where(kv => kv.Key == "grain_type=" + type).Sum(kv => kv.Value);
        return new Memory(rss, metrics.Latest(SiloMetrics.HeapSizeAfterLastGc) ?? double.NaN, byType.Values.Sum(), Of("user"), Of("device"));
    }

    private static string FindMethodId(System.Text.Json.JsonElement methods, string deviceId)
    {
        foreach (var method in Enumerate(methods))
        {
            if (method.TryGetProperty("deviceId", out var d) && d.GetString() == deviceId && method.TryGetProperty("methodId", out var m))
            {
                return m.GetString()!;
            }
        }
        throw new InvalidOperationException($"the template user's methods do not list device {deviceId}: {methods}");
    }

    private static IEnumerable<System.Text.Json.JsonElement> Enumerate(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(Enumerate),
        System.Text.Json.JsonValueKind.Object => [element, .. element.EnumerateObject().SelectMany(p => Enumerate(p.Value))],
        _ => [],
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
