using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PushAuth.Persistence.Sqlite;
using PushAuth.Persistence.Sqlite.Benchmarks;

// Grain storage throughput on the embedded SQLite database: W concurrent writers over K keys (each writer owns its
// keys, so no ETag conflicts), each doing WriteStateAsync with the ETag it got last; then W readers.
// Usage: dotnet run -c Release -- [writers=32] [seconds=10] [keys=1000] [full|normal] [max batch=512]
// (a max batch of 1 turns group commit off: one transaction and one fsync per write)
var writers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 32;
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var keys = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var synchronous = args.Length > 3 && args[3] == "normal" ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;
var maxBatch = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 512;

var directory = Path.Combine(Path.GetTempPath(), "pushauth-sqlite-bench", Guid.NewGuid().ToString("N"));
var database = new SqliteDatabase(
    Options.Create(new SqliteStorageOptions { DataDirectory = directory, Synchronous = synchronous, MaxBatchSize = maxBatch }),
    TimeProvider.System,
    NullLogger<SqliteDatabase>.Instance);
var serializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
var storage = new SqliteGrainStorage("bench", new SqliteGrainStorageOptions { GrainStorageSerializer = serializer }, database,
    Options.Create(new ClusterOptions { ClusterId = "bench", ServiceId = "bench" }), activators, NullLogger<SqliteGrainStorage>.Instance);
var grainIds = Enumerable.Range(0, keys).Select(i => GrainId.Create("challenge", $"key-{i}")).ToArray();
var states = grainIds.Select(_ => new GrainState<BenchState>()).ToArray();

Console.WriteLine($"SQLite grain storage: {writers} writers, {keys} keys, {seconds} s, synchronous {synchronous}, max batch {maxBatch}, {Environment.ProcessorCount} cores");
await RunAsync("warm-up", writers, 2, Write);
var before = database.Statistics;
var writes = await RunAsync("WriteStateAsync", writers, seconds, Write);
var after = database.Statistics;
var transactions = after.Transactions - before.Transactions;
Console.WriteLine($"  {after.WriteRequests - before.WriteRequests} writes in {transactions} transactions: {(double)(after.WriteRequests - before.WriteRequests) / Math.Max(1, transactions):F1} writes per commit");
await RunAsync("ReadStateAsync", writers, seconds, Read);

await database.DisposeAsync();
Directory.Delete(directory, recursive: true);
return;

async Task Write(int writer, int iteration)
{
    // Writer w owns the keys k with k % writers == w, so its ETag is always current: no conflicts, every call writes.
    var index = writer + writers * (iteration % Math.Max(1, keys / writers));
    var state = states[index];
    state.State = new BenchState($"user-{index}", $"device-{index}", "pending", iteration, DateTimeOffset.UtcNow, "approve the login from Zürich on a new browser");
    await storage.WriteStateAsync("state", grainIds[index], state);
}

async Task Read(int reader, int iteration)
{
    var index = Random.Shared.Next(keys);
    await storage.ReadStateAsync("state", grainIds[index], new GrainState<BenchState>());
}

static async Task<long> RunAsync(string name, int workers, int seconds, Func<int, int, Task> operation)
{
    var stop = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    var latencies = new List<double>[workers];
    var errors = 0;
    await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        for (var i = 0; stop.Elapsed < deadline; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await operation(worker, i);
            }
            catch (InconsistentStateException)
            {
                Interlocked.Increment(ref errors);
            }
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    })));
    var elapsed = stop.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    Console.WriteLine($"{name,-16} {all.Length / elapsed,10:N0}/s  p50 {Percentile(all, 0.50):F2} ms  p99 {Percentile(all, 0.99):F2} ms  ({all.Length} ops, {errors} conflicts)");
    return all.Length;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
