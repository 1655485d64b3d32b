using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using PushAuth.Abstractions;
using PushAuth.History;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The history for admins: filters and cursor pages, CSV/JSON export, the chain check (API and command), retention.</summary>
public sealed class HistoryApiTests
{
    [Fact]
    public async Task QueryHistory_FiltersAndCursorPages_NewestFirstWithoutOverlap()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        await s.EnrollTotpAsync("bob");
        for (var i = 0; i < 5; i++)
        {
            (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "000000" })).Dispose();
        }
        (await s.Login.PostAsJsonAsync("/v1/users/bob/totp/verify", new { code = "000000" })).Dispose();
        var auditor = await s.KeyAsync("Auditor");
        await s.AuditAsync("userId=alice&action=totp.verify", a => a.Count == 5);

        var first = await auditor.GetFromJsonAsync<JsonElement>("/v1/admin/history?userId=alice&method=totp&status=rejected&limit=3");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/v1/admin/history?userId=alice&method=totp&status=rejected&limit=3&cursor={cursor}");
        var window = await auditor.GetFromJsonAsync<JsonElement>(
            $"/v1/admin/history?userId=alice&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
        using var badCursor = await auditor.GetAsync("/v1/admin/history?cursor=bm9wZQ");
        using var badRange = await auditor.GetAsync($"/v1/admin/history?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}");
        using var badLimit = await auditor.GetAsync("/v1/admin/history?limit=0");
        using var byLogin = await s.Login.GetAsync("/v1/admin/history");

        var page1 = first.GetProperty("items").EnumerateArray().ToList();
        var page2 = second.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, page1.Count);
        Assert.Equal(2, page2.Count);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var sequences = page1.Concat(page2).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.Equal(5, sequences.Distinct().Count());
        Assert.All(page1.Concat(page2), e =>
        {
            Assert.Equal("alice", e.GetProperty("userId").GetString());
            Assert.Equal("127.0.0.1", e.GetProperty("sourceIp").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("traceId").GetString()));
            Assert.Equal(64, e.GetProperty("hash").GetString()!.Length);
        });
        Assert.Equal(6, window.GetProperty("items").GetArrayLength()); // enrolled + 5 checks
        Assert.Equal("cursor.invalid", await badCursor.ProblemCodeAsync());
        Assert.Equal("range.invalid", await badRange.ProblemCodeAsync());
        Assert.Equal("limit.invalid", await badLimit.ProblemCodeAsync());
        Assert.Equal("auth.permission", await byLogin.ProblemCodeAsync());
    }

    [Fact]
    public async Task ExportHistory_CsvAndJson_AllMatchingRowsAndFormulaNeutralized()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/alice/totp/verify") { Content = JsonContent.Create(new { code = "000000" }) })
        {
            request.Headers.TryAddWithoutValidation("User-Agent", "=HYPERLINK(\"http://evil\",\"x\")");
            (await s.Login.SendAsync(request)).Dispose();
        }
        await s.AuditAsync("userId=alice", a => a.Count == 2);
        var helpdesk = await s.KeyAsync("ManageMfa");

        using var csv = await helpdesk.GetAsync("/v1/admin/history/export?format=csv&userId=alice");
        var csvText = await csv.Content.ReadAsStringAsync();
        using var json = await helpdesk.GetAsync("/v1/admin/history/export?format=json&userId=alice");
        var rows = (await json.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        using var badFormat = await helpdesk.GetAsync("/v1/admin/history/export?format=xml");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.ToString() ?? csv.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var lines = csvText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HistoryCsvHeader, lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", csvText, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["totp.verify", "method.totp-enrolled"], rows.Select(r => r.GetProperty("activity").GetString()));
        Assert.Equal("format.invalid", await badFormat.ProblemCodeAsync());
        var audit = await s.AuditAsync("action=history.exported", a => a.Count == 2);
        Assert.All(audit, e => Assert.StartsWith("ManageMfa:", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
    }

    private const string HistoryCsvHeader = "sequence,at,userId,activity,method,status,sourceIp,city,country,deviceId,policy,remarks,correlationId,traceId,userAgent,actor,hash";

    [Fact]
    public async Task VerifyHistory_TamperedRow_ApiAndCommandNameTheFirstBadRow()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-history-" + Guid.NewGuid().ToString("N"));
        long tampered;
        await using (var silo = await SiloTestHost.StartSqliteAsync(dir))
        {
            await using var s = await Scenario.OnAsync(silo);
            await s.EnrollTotpAsync("alice");
            for (var i = 0; i < 3; i++)
            {
                (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "000000" })).Dispose();
            }
            var audit = await s.AuditAsync("userId=alice&action=totp.verify", a => a.Count == 3);
            tampered = audit[1].GetProperty("id").GetInt64();
            var auditor = await s.KeyAsync("Auditor");
            var intact = await auditor.GetFromJsonAsync<JsonElement>("/v1/admin/history/verify");
            Assert.True(intact.GetProperty("intact").GetBoolean());

            // Someone with database access turns a rejected code into an accepted one.
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(dir, "pushauth.db")}"))
            {
                await db.OpenAsync();
                await using var update = db.CreateCommand();
                update.CommandText = "UPDATE history SET status = 'accepted' WHERE tenant_id = 'acme' AND sequence = $s";
                update.Parameters.AddWithValue("$s", tampered);
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }

            var broken = await auditor.GetFromJsonAsync<JsonElement>("/v1/admin/history/verify");
            Assert.False(broken.GetProperty("intact").GetBoolean());
            Assert.Equal(tampered, broken.GetProperty("firstBadSequence").GetInt64());
            Assert.Contains("does not match its MAC", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HistoryVerifyCommand.RunAsync([HistoryVerifyCommand.Command, "--tenant", "acme", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}",
            .. TestKeys.ArgumentsFor(dir)], output, error);
        using var other = new StringWriter();
        using var otherError = new StringWriter();
        var otherExit = await HistoryVerifyCommand.RunAsync([HistoryVerifyCommand.Command, "--tenant", "nosuch", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}",
            .. TestKeys.ArgumentsFor(dir)], other, otherError);
        using var usage = new StringWriter();
        var usageExit = await HistoryVerifyCommand.RunAsync([HistoryVerifyCommand.Command], usage);

        Assert.Equal(3, exit);
        // One result line, nothing of the web host's start.
        Assert.StartsWith($"History of tenant 'acme' is BROKEN at sequence {tampered}", Assert.Single(Lines(output)), StringComparison.Ordinal);
        Assert.Empty(Lines(error));
        Assert.Equal(1, otherExit);
        Assert.Empty(Lines(other));
        Assert.Equal("error: there is no tenant 'nosuch'.", Assert.Single(Lines(otherError)));
        Assert.Equal(2, usageExit);
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task VerifyHistory_NewestEntriesDeletedAfterACheckpoint_Broken()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-checkpoint-" + Guid.NewGuid().ToString("N"));
        long head;
        await using (var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(dir, new Dictionary<string, string?> { ["PushAuth:History:CheckpointInterval"] = "00:00:01" })]))
        {
            await s.EnrollTotpAsync("alice");
            for (var i = 0; i < 6; i++)
            {
                (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "000000" })).Dispose();
            }
            await s.AuditAsync("userId=alice&action=totp.verify", a => a.Count == 6);
            head = (await s.Silos[0].Services.GetRequiredService<IHistoryStore>().GetHeadAsync("acme"))!.Sequence;
            var checkpoint = Path.Combine(TestKeys.CheckpointDirectory(dir), "acme.checkpoint");
            await Eventually.UntilAsync(() => File.Exists(checkpoint) && File.ReadAllText(checkpoint).Split(' ')[2] == head.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(20), "the head is checkpointed");
        }

        // The newest entries go, as a restore of an older copy of the database would take them.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(dir, "pushauth.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var delete = db.CreateCommand();
            delete.CommandText = "DELETE FROM history WHERE tenant_id = 'acme' AND sequence > $s";
            delete.Parameters.AddWithValue("$s", head - 4);
            // At least the four newest; more when an aggregated event landed after the head was read.
            Assert.True(await delete.ExecuteNonQueryAsync() >= 4);
        }
        using var output = new StringWriter();
        var exit = await HistoryVerifyCommand.RunAsync([HistoryVerifyCommand.Command, "--tenant", "acme", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}",
            .. TestKeys.ArgumentsFor(dir)], output);

        Assert.Equal(3, exit);
        Assert.Contains("the newest entries are missing", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_RetentionBelowTheOperatorFloor_400AndUnchanged()
    {
        await using var s = await Scenario.SqliteAsync(silo: new Dictionary<string, string?> { ["PushAuth:History:MinRetentionDays"] = "90" });

        using var response = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", recovery = new { historyRetentionDays = 30 } });
        var stored = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("settings.recovery.history-retention-below-floor", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotEqual(30, stored.TryGetProperty("recovery", out var r) && r.ValueKind == JsonValueKind.Object ? r.GetProperty("historyRetentionDays").GetInt32() : 180);
    }

    [Fact]
    public async Task Retention_EntriesOlderThanTheTenantSetting_DeletedByTheHistoryGrainsReminderAndChainStillVerifies()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock, silo: new Dictionary<string, string?> { ["PushAuth:History:MinRetentionDays"] = "1" });
        (await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", recovery = new { historyRetentionDays = 1 } })).EnsureSuccessStatusCode();
        await s.EnrollTotpAsync("alice");
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "000000" })).Dispose();
        await s.AuditAsync("userId=alice", a => a.Count == 2);
        clock.Advance(TimeSpan.FromDays(2));
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "111111" })).Dispose();
        await s.AuditAsync("userId=alice", a => a.Count == 3);
        var grains = s.Silos[0].Services.GetRequiredService<IGrainFactory>();
        var history = grains.GetGrain<ITenantHistoryGrain>(s.TenantId);

        var reminders = await s.Silos[0].Services.GetRequiredService<IReminderTable>().ReadRows(history.GetGrainId());
        var deleted = await history.EnforceRetentionAsync();
        var left = await s.Silos[0].Services.GetRequiredService<IHistoryStore>().QueryAsync(new HistoryQuery(s.TenantId, UserId: "alice"));
        var verified = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/history/verify");

        Assert.Contains(reminders.Reminders, r => r.ReminderName == "retention");
        Assert.True(deleted >= 2, $"deleted {deleted}");
        Assert.Single(left);
        Assert.True(verified.GetProperty("intact").GetBoolean());
        var audit = await s.AuditAsync("action=history.retention-cut", a => a.Count == 1);
        Assert.Equal("system", Assert.Single(audit).GetProperty("actor").GetString());
    }
}
