using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>Issue 12 item 24: a silo process killed with -9 while two silos take approvals on PostgreSQL clustering.
/// The TestingHost kill test (Grains.Tests) stops a silo inside the test process; this one kills a real process.</summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int Users = 10;

    [Fact]
    public async Task Approvals_SiloProcessKilledMidLoad_OtherSiloFinishesThemOnceWithoutLosingAny()
    {
        var db = await SiloTestHost.CreatePostgresDatabaseAsync();
        await using var survivor = await SiloTestHost.StartPostgresAsync(db);
        await using var victim = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["PushAuth:Storage:Provider"] = "Postgres",
            ["PushAuth:Storage:ConnectionString"] = db,
        });
        await using var s = await Scenario.OnSilosAsync([survivor]);
        using (var put = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new TenantSettings("Acme", MaxOutstandingChallenges: 20, PushesPerUserPerMinute: 60), DeviceClient.Json))
        {
            put.EnsureSuccessStatusCode();
        }
        using var recorder = new RecordingHandler();
        var bearer = s.Login.DefaultRequestHeaders.Authorization!.Parameter;
        Uri[] addresses = [survivor.BaseAddress, victim.BaseAddress];
        var logins = addresses.Select(a => recorder.ClientFor(a, bearer)).ToArray();
        var workers = new List<Worker>();
        for (var i = 0; i < Users; i++)
        {
            var key = DeviceKeyPair.Create();
            var onSurvivor = new DeviceClient(recorder.ClientFor(survivor.BaseAddress), key);
            await onSurvivor.RegisterAsync();
            await s.PairAsync(onSurvivor, $"user{i}");
            var onVictim = new DeviceClient(recorder.ClientFor(victim.BaseAddress), DeviceKeyPair.ImportPkcs8(key.ExportPkcs8()));
            onVictim.UseDevice(onSurvivor.DeviceId!);
            await onVictim.SessionAsync();
            workers.Add(new Worker($"user{i}", [onSurvivor, onVictim]));
        }

        var victimAlive = true;
        var created = new ConcurrentBag<string>();
        var numbers = new ConcurrentDictionary<string, string?>();
        var approved = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var loops = workers.Select((w, i) => Task.Run(async () =>
        {
            for (var n = i; !stop.IsCancellationRequested; n++)
            {
                var pace = Task.Delay(400);
                // Alternate silos for each step, so a challenge is often made on one silo and answered on the other.
                var silo = victimAlive ? n % 2 : 0;
                try
                {
                    using var create = await logins[silo].PostAsJsonAsync("/v1/challenges", new { userId = w.User, context = new { service = "Acme Mail", action = "Sign in" } });
                    if (create.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await create.Content.ReadFromJsonAsync<JsonElement>();
                        var id = body.GetProperty("challengeId").GetString()!;
                        created.Add(id);
                        numbers[id] = body.GetProperty("numberMatch").GetString();
                        if (await AnswerAsync(w.Devices[victimAlive ? (n + 1) % 2 : 0], id, numbers[id]))
                        {
                            approved.Add(id);
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The killed silo refused or dropped the connection.
                }
                await pace;
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(4));
        var beforeKill = approved.Count;
        victim.Kill();
        victimAlive = false;
        var killedAt = DateTime.UtcNow;
        output.WriteLine($"killed pid {victim.ProcessId} after {beforeKill} approvals");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (approved.Count < beforeKill + 3 * Users && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        output.WriteLine($"{approved.Count - beforeKill} approvals in the {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Assert.True(approved.Count >= beforeKill + 3 * Users, "the surviving silo did not take over");

        // The survivor finishes what the kill interrupted: every challenge still pending is answered there. Until the
        // membership declares the dead silo dead, calls to grains that lived on it are 503 cluster.unavailable: retry.
        var finishBy = killedAt.AddSeconds(75);
        foreach (var w in workers)
        {
            while (true)
            {
                using var pull = await w.Devices[0].SendAsync(HttpMethod.Get, "/v1/device/challenges");
                if (pull.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < finishBy)
                {
                    await Task.Delay(500);
                    continue;
                }
                var pending = (await DeviceClient.ReadAsync<List<DeviceChallenge>>(pull, CancellationToken.None)).Where(c => created.Contains(c.ChallengeId)).ToList();
                if (pending.Count == 0)
                {
                    break;
                }
                foreach (var challenge in pending)
                {
                    using var answer = await w.Devices[0].AnswerAsync(challenge, approve: true, numbers[challenge.ChallengeId]);
                    Assert.True(answer.StatusCode == HttpStatusCode.OK || (answer.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < finishBy),
                        $"answer {challenge.ChallengeId}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                }
            }
        }
        output.WriteLine($"all finished {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");

        output.WriteLine($"statuses: {string.Join(", ", recorder.StatusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}; {created.Count} created, {approved.Distinct().Count()} approved");
        foreach (var g in recorder.ServerErrors.GroupBy(e => (e.Status, e.Code)))
        {
            output.WriteLine($"{(int)g.Key.Status} {g.Key.Code}: {g.Count()}, e.g. {g.First().Request}");
        }
        Assert.DoesNotContain(recorder.ServerErrors, e => e.Status == HttpStatusCode.InternalServerError);

        // Nothing resolved twice: one answer event per challenge in the tenant's history (appended just after the write
        // that owes it, so read until every challenge has its event). And no approved answer lost: every challenge made
        // reads Approved now (answered before, during or after the kill).
        var resolutions = await ChallengeRecord.ResolutionsAsync(s);
        for (var wait = DateTime.UtcNow.AddSeconds(30); !created.All(resolutions.ContainsKey) && DateTime.UtcNow < wait;)
        {
            await Task.Delay(500);
            resolutions = await ChallengeRecord.ResolutionsAsync(s);
        }
        Assert.All(resolutions, p => Assert.True(p.Value.Count == 1, $"{p.Key} resolved {p.Value.Count} times"));
        foreach (var id in created)
        {
            Assert.Equal("Approved", await ChallengeRecord.StatusAsync(s, id, resolutions));
        }
        foreach (var l in logins)
        {
            l.Dispose();
        }
    }

    private static async Task<bool> AnswerAsync(DeviceClient device, string challengeId, string? number)
    {
        using var pull = await device.SendAsync(HttpMethod.Get, "/v1/device/challenges");
        if (pull.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }
        var pending = await pull.Content.ReadFromJsonAsync<List<DeviceChallenge>>(DeviceClient.Json);
        if (pending!.FirstOrDefault(c => c.ChallengeId == challengeId) is not { } challenge)
        {
            return false;
        }
        using var answer = await device.AnswerAsync(challenge, approve: true, number);
        return answer.StatusCode == HttpStatusCode.OK;
    }

    private sealed record Worker(string User, DeviceClient[] Devices);
}
