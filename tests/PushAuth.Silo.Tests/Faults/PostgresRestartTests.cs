using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>Issue 12 item 24: PostgreSQL stopped and started again while two silos take approvals.</summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Approvals_PostgresRestartedUnderLoad_FailFastWith503ThenRecoverAndLoseNothing()
    {
        await using var server = await PostgresServer.StartDedicatedAsync(durable: true);
        var db = await server.CreateDatabaseAsync("restart");
        var silos = new List<SiloTestHost>();
        for (var i = 0; i < 2; i++)
        {
            silos.Add(await SiloTestHost.StartPostgresAsync(db));
        }
        await using var s = await Scenario.OnSilosAsync(silos);
        // The load stays under the per-user push limit (60 a minute), so every refusal the test sees is the outage's.
        using (var put = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new TenantSettings("Acme", MaxOutstandingChallenges: 20, PushesPerUserPerMinute: 60), DeviceClient.Json))
        {
            put.EnsureSuccessStatusCode();
        }
        using var recorder = new RecordingHandler();
        var bearer = s.Login.DefaultRequestHeaders.Authorization!.Parameter;
        var logins = silos.Select(h => recorder.ClientFor(h.BaseAddress, bearer)).ToArray();
        var users = new List<(string User, DeviceClient Device)>();
        for (var i = 0; i < 12; i++)
        {
            var device = new DeviceClient(recorder.ClientFor(silos[i % 2].BaseAddress), DeviceKeyPair.Create());
            await device.RegisterAsync();
            await s.PairAsync(device, $"user{i}");
            await device.SessionAsync();
            users.Add(($"user{i}", device));
        }

        var created = new ConcurrentBag<string>();
        var approved = new ConcurrentBag<string>();
        var readiness = new ConcurrentQueue<(DateTime At, int Silo, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var workers = users.Select((u, i) => Task.Run(() => ApproveLoopAsync(logins[i % 2], u.User, u.Device, created, approved, stop.Token))).ToList();
        var probes = silos.Select((h, i) => Task.Run(() => ProbeLoopAsync(recorder.ClientFor(h.BaseAddress), i, readiness, stop.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var approvedBefore = approved.Count;
        var down = DateTime.UtcNow;
        await server.StopServerAsync();
        await Task.Delay(Outage);
        await server.StartServerAsync();
        var up = DateTime.UtcNow;
        output.WriteLine($"PostgreSQL down for {(up - down).TotalSeconds:0.0} s; {approvedBefore} approvals before");

        // Recovered: fresh approvals complete on both silos within a short while.
        var recovered = await RecoveredAsync(() => approved.Count > approvedBefore + 20 && readiness.Where(r => r.At > up.AddSeconds(1)).GroupBy(r => r.Silo).Count() == 2
            && readiness.Where(r => r.At > up.AddSeconds(1)).GroupBy(r => r.Silo).All(g => g.Last().Status == HttpStatusCode.OK), TimeSpan.FromSeconds(45));
        output.WriteLine(recovered is { } at ? $"recovered {(at - up).TotalSeconds:0.0} s after the restart" : "NOT recovered");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(workers.Concat(probes));

        // /readyz has its own JSON body (status, reason); the problem+json rules are for the API.
        var errors = recorder.ServerErrors.Where(e => !e.Request.EndsWith("/readyz", StringComparison.Ordinal)).ToList();
        output.WriteLine($"statuses: {string.Join(", ", recorder.StatusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}; {created.Count} created, {approved.Count} approved");
        foreach (var g in errors.GroupBy(e => (e.Status, e.Code)))
        {
            output.WriteLine($"{(int)g.Key.Status} {g.Key.Code}: {g.Count()} (slowest {g.Max(e => e.Took).TotalMilliseconds:0} ms), e.g. {g.First().Request}");
        }
        foreach (var e in errors.Where(e => e.Status != HttpStatusCode.ServiceUnavailable).Take(3))
        {
            output.WriteLine($"{e.Request}: {(int)e.Status} {e.Body}");
        }
        output.WriteLine($"readiness after restart: {string.Join(" ", readiness.Where(r => r.At > up).GroupBy(r => r.Silo).Select(g => $"silo{g.Key}={string.Join(",", g.Select(r => (int)r.Status).Distinct())}"))}");
        Assert.True(recovered is not null, $"not recovered: {approved.Count - approvedBefore} approvals after the restart");
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.True(e.Status == HttpStatusCode.ServiceUnavailable, $"{e.Request}: {(int)e.Status} {e.Body}");
            Assert.Equal("application/problem+json", e.MediaType);
            Assert.False(string.IsNullOrEmpty(e.Code), e.Body);
            Assert.NotNull(e.RetryAfter);
            // Fail fast: a request hitting the outage is answered well before a client would time out.
            Assert.True(e.Took < TimeSpan.FromSeconds(15), $"{e.Request} took {e.Took}");
        });
        Assert.Contains(errors, e => e.Code == "storage.unavailable");
        // /readyz said so on both silos while the database was down, and is ready again after.
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains(readiness, r => r.Silo == i && r.At > down && r.At < up && r.Status == HttpStatusCode.ServiceUnavailable);
        }

        // Nothing committed is lost: every challenge answered 201 is readable, and every 200 approval still reads Approved.
        var resolutions = await ChallengeRecord.ResolutionsAsync(s);
        for (var wait = DateTime.UtcNow.AddSeconds(20); !approved.All(resolutions.ContainsKey) && DateTime.UtcNow < wait;)
        {
            await Task.Delay(500);
            resolutions = await ChallengeRecord.ResolutionsAsync(s);
        }
        foreach (var id in created)
        {
            Assert.NotNull(await ChallengeRecord.StatusAsync(s, id, resolutions));
        }
        foreach (var id in approved)
        {
            Assert.Equal("Approved", await ChallengeRecord.StatusAsync(s, id, resolutions));
        }
        foreach (var l in logins)
        {
            l.Dispose();
        }
    }

    private static async Task ApproveLoopAsync(HttpClient login, string userId, DeviceClient device, ConcurrentBag<string> created, ConcurrentBag<string> approved, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // At most one challenge per user every 400 ms: about 40 in the test's run, under the limit of 60 a minute.
            var pace = Task.Delay(400, CancellationToken.None);
            try
            {
                using var create = await login.PostAsJsonAsync("/v1/challenges", new { userId, context = new { service = "Acme Mail", action = "Sign in" } }, CancellationToken.None);
                if (create.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }
                var body = await create.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                var id = body.GetProperty("challengeId").GetString()!;
                created.Add(id);
                var number = body.TryGetProperty("numberMatch", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                using var pull = await device.SendAsync(HttpMethod.Get, "/v1/device/challenges", cancellationToken: CancellationToken.None);
                if (pull.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }
                var pending = await pull.Content.ReadFromJsonAsync<List<DeviceChallenge>>(DeviceClient.Json, CancellationToken.None);
                if (pending!.FirstOrDefault(c => c.ChallengeId == id) is not { } challenge)
                {
                    continue;
                }
                using var answer = await device.AnswerAsync(challenge, approve: true, number, cancellationToken: CancellationToken.None);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    approved.Add(id);
                }
            }
            catch (HttpRequestException)
            {
                // A session refresh that met the outage: the recorder has its status.
            }
            finally
            {
                await pace;
            }
        }
    }

    private static async Task ProbeLoopAsync(HttpClient client, int silo, ConcurrentQueue<(DateTime, int, HttpStatusCode)> readiness, CancellationToken stop)
    {
        using (client)
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync("/readyz", CancellationToken.None);
                readiness.Enqueue((DateTime.UtcNow, silo, response.StatusCode));
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private static async Task<DateTime?> RecoveredAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return null;
            }
            await Task.Delay(100);
        }
        return DateTime.UtcNow;
    }
}
