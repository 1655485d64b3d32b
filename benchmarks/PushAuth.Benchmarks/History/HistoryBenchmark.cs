using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PushAuth.History;
using PushAuth.Persistence.Postgres;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.History;

/// <summary>
/// The identity-verification history on PostgreSQL (a private durable server, fsync on): append throughput through
/// the same chain linking and batched INSERT the tenant history grain uses, then admin query latency with 1,000,000
/// rows in one tenant (1,000 users, one entry every 30 s for a year) for a user and time-range filter, first page and
/// a deep page (the 10th page of 50, reached with the cursor).
/// </summary>
public static class HistoryBenchmark
{
    private const int Rows = 1_000_000;
    private const int Users = 1000;
    private const int QueryRuns = 300;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var server = await PostgresServer.StartDedicatedAsync(durable: true);
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("history", cancellationToken));
        var migrator = new PostgresMigrator(dataSource, TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger<PostgresMigrator>.Instance);
        var store = new PostgresHistoryStore(dataSource, migrator);
        await store.InitializeAsync(cancellationToken);

        output.WriteLine("History on PostgreSQL (durable: fsync and synchronous commit on)");
        output.WriteLine();
        output.WriteLine("| append | events/s | commits/s |");
        output.WriteLine("|---|---|---|");
        foreach (var batch in new[] { 1, 10, 100 })
        {
            var (events, commits) = await AppendAsync(store, "append-" + batch, batch, duration, cancellationToken);
            output.WriteLine($"| one writer, {batch} event(s) per commit | {events:N0} | {commits:N0} |");
        }

        var loading = Stopwatch.GetTimestamp();
        await BulkLoadAsync(dataSource, cancellationToken);
        output.WriteLine();
        output.WriteLine($"Loaded {Rows:N0} rows into tenant 'big' in {Stopwatch.GetElapsedTime(loading).TotalSeconds:0} s; {QueryRuns} runs per query, random users.");
        output.WriteLine();
        output.WriteLine("| query (limit 50) | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|");
        var from = Start.AddDays(30);
        var to = Start.AddDays(210);
        var firstInRange = (long)((from - Start).TotalSeconds / 30);
        await MeasureAsync(output, "user + time range (6 months), first page", u => new HistoryQuery("big", UserId: "user" + u, From: from, To: to, Limit: 50), store, cancellationToken);
        await MeasureAsync(output, "user + time range (6 months), 10th page by cursor", u => new HistoryQuery("big", UserId: "user" + u, From: from, To: to,
            BeforeSequence: firstInRange + (long)Users * 60, Limit: 50), store, cancellationToken);
        await MeasureAsync(output, "user, newest first page", u => new HistoryQuery("big", UserId: "user" + u, Limit: 50), store, cancellationToken);
        await MeasureAsync(output, "tenant + one day, first page", u => new HistoryQuery("big", From: Start.AddDays(100 + u % 100), To: Start.AddDays(101 + u % 100), Limit: 50),
            store, cancellationToken);
    }

    // A chain key of this run only, as a silo's comes from configuration: the MAC costs what it costs in production.
    private static readonly HistoryKeys ChainKeys = new([("b1", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))], "b1");

    private static async Task<(double Events, double Commits)> AppendAsync(IHistoryStore store, string tenant, int batch, TimeSpan duration, CancellationToken cancellationToken)
    {
        HistoryRecord? head = null;
        long events = 0, commits = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration && !cancellationToken.IsCancellationRequested)
        {
            var records = HistoryChain.Link(head, Enumerable.Range(0, batch).Select(_ => new HistoryEvent(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, tenant,
                "user" + Random.Shared.Next(Users), "login-service", "totp.verify", "totp", "accepted", "203.0.113.7", "Lyon", "FR", null, null, "method=totp_x",
                null, ActivityTraceId.CreateRandom().ToString(), "bench/1.0")), ChainKeys);
            await store.AppendAsync(tenant, records, cancellationToken);
            head = records[^1];
            events += batch;
            commits++;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (events / seconds, commits / seconds);
    }

    private static async Task MeasureAsync(TextWriter output, string name, Func<int, HistoryQuery> query, IHistoryStore store, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 20; i++)
        {
            await store.QueryAsync(query(Random.Shared.Next(Users)), cancellationToken);
        }
        var timings = new List<double>(QueryRuns);
        var empty = 0;
        for (var i = 0; i < QueryRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await store.QueryAsync(query(Random.Shared.Next(Users)), cancellationToken);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            empty += page.Count == 0 ? 1 : 0;
        }
        timings.Sort();
        output.WriteLine($"| {name}{(empty > 0 ? $" ({empty} empty pages)" : "")} | {timings[timings.Count / 2]:0.00} | {timings[(int)(timings.Count * 0.99)]:0.00} | {timings[^1]:0.00} |");
    }

    /// <summary>A million rows in one statement, with the migration's indexes dropped and rebuilt from their own
    /// definitions (what a restore would do; a million single inserts would measure nothing of the queries).</summary>
    private static async Task BulkLoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = dataSource.CreateCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'pushauth_history' AND indexname NOT IN " +
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'pushauth_history'::regclass)"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(dataSource, $"DROP INDEX {name}", cancellationToken);
        }
        await ExecuteAsync(dataSource, $"""
            INSERT INTO pushauth_history (tenant_id, sequence, event_id, at, user_id, actor, activity, method, status, source_ip, user_agent, previous_hash, hash)
            SELECT 'big', s, 'e' || s, timestamptz '2026-01-01 00:00:00+00' + s * interval '30 seconds', 'user' || (s % {Users}), 'login-service',
                   CASE WHEN s % 3 = 0 THEN 'challenge.created' ELSE 'challenge.answered' END,
                   CASE WHEN s % 2 = 0 THEN 'push' ELSE 'totp' END,
                   CASE WHEN s % 4 = 3 THEN 'rejected' ELSE 'approved' END,
                   '203.0.113.7', 'bench/1.0', sha256(int8send(s - 1)), sha256(int8send(s))
            FROM generate_series(1, {Rows}) s
            """, cancellationToken);
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(dataSource, definition, cancellationToken);
        }
        await ExecuteAsync(dataSource, "VACUUM ANALYZE pushauth_history", cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 900;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
