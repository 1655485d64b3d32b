using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.History;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>What a device alone can make the server write is bounded (issue 16 item 7): pairing phrases are limited per
/// device and write no row until a login service claims them, and refused backup and contact requests reach the history
/// as a few individual events plus aggregated counts, as unknown-user TOTP probes do.</summary>
public sealed class ProbeBoundsTests
{
    private static long GrainRows(string dataDirectory, string grainType)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pushauth.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state WHERE grain_type = $type";
        command.Parameters.AddWithValue("$type", grainType);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task PairingPhrases_ManyFromOneDevice_LimitedPerDeviceAndNoRowUntilClaimed()
    {
        var data = Path.Combine(Path.GetTempPath(), "pushauth-phrases-" + Guid.NewGuid().ToString("N"));
        await using var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(data, new Dictionary<string, string?> { ["PushAuth:Devices:PairingPhrasesPerHour"] = "10" })]);
        var device = await s.DeviceAsync();
        var phrases = new List<DevicePairingPhrase>();
        for (var i = 0; i < 10; i++)
        {
            phrases.Add(await device.RequestPairingPhraseAsync());
        }

        using var refused = await device.SendAsync(HttpMethod.Post, "/v1/device/pairing-phrases");
        var other = await s.DeviceAsync();
        var fromAnotherDevice = await other.RequestPairingPhraseAsync();
        var rowsBeforeClaim = (Phrase: GrainRows(data, "phrase"), Pairing: GrainRows(data, "pairing"));
        using var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = phrases[3].Phrase, userId = "alice", serviceName = "Acme" });

        await BackupTestKit.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "pairing.phrase-rate-limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.False(string.IsNullOrEmpty(fromAnotherDevice.Phrase));
        Assert.Equal((0L, 0L), rowsBeforeClaim);
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        Assert.Equal(1, GrainRows(data, "pairing"));
        Assert.Equal(0, GrainRows(data, "phrase"));
        // The phrase itself is in no row, key or history entry: grain ids carry a keyed hash.
        await s.Silos[0].DisposeAsync();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(data, "pushauth.db"));
        Assert.DoesNotContain(phrases[3].Phrase, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedRestores_Many_FewIndividualRowsAndTheRestAggregated()
    {
        await using var s = await Scenario.SqliteAsync(silo: new Dictionary<string, string?> { ["PushAuth:Audit:AggregationWindow"] = "00:00:02" });
        var device = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(device, "nobody@example.com");
        const int Attempts = 60;

        for (var i = 0; i < Attempts; i++)
        {
            using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = verification });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var store = s.Silos[0].Services.GetRequiredService<IHistoryStore>();
        List<HistoryRecord> rows = [];
        await Eventually.UntilAsync(async () =>
        {
            rows = [.. await store.QueryAsync(new HistoryQuery("_devices", Activity: "backup.restore", Limit: 1000))];
            return rows.Sum(r => Count(r.Event)) == Attempts;
        }, TimeSpan.FromSeconds(30), "every refused restore is counted");
        Assert.True(rows.Count(r => r.Event.Policy != "aggregated") <= 5, $"{rows.Count} rows");
        Assert.True(rows.Count <= 5 + 10, $"{rows.Count} rows for {Attempts} refusals");
    }

    private static int Count(HistoryEvent e) =>
        e.Policy == "aggregated" ? int.Parse(e.Remarks!.Split(';')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
}
