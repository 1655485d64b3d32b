using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>TOTP probes are bounded and aggregated: an unknown user answers as a known one with wrong codes (throttle
/// included) without a write, and refused attempts reach the history as one event per window with the count.</summary>
public sealed class TotpProbeTests
{
    private static Task<Scenario> ShortWindowAsync() => Scenario.SqliteAsync(configure: b =>
        b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Audit:AggregationWindow"] = "00:00:02" }));

    private static async Task<(bool Valid, bool HasMethod, double? RetryAfter)> VerifyAsync(Scenario s, string userId, string code)
    {
        using var response = await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp/verify", new { code });
        var body = await DeviceClient.ReadAsync<JsonElement>(response, default);
        return (body.GetProperty("valid").GetBoolean(), body.GetProperty("methodId").ValueKind != JsonValueKind.Null, response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    /// <summary>The count of an aggregated event (<c>aggregated=N; …</c>), 0 for an individual one.</summary>
    private static int Aggregated(JsonElement e) =>
        e.GetProperty("details").GetString() is { } d && d.StartsWith("aggregated=", StringComparison.Ordinal)
            ? int.Parse(d.Split(';')[0]["aggregated=".Length..], CultureInfo.InvariantCulture)
            : 0;

    [Fact]
    public async Task Verify_UnknownUserAndKnownUserWithWrongCodes_SameAnswersThroughTheThrottle()
    {
        await using var s = await Scenario.SqliteAsync();
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { })).Dispose();

        for (var i = 0; i < 8; i++)
        {
            var known = await VerifyAsync(s, "alice", "000000");
            var unknown = await VerifyAsync(s, "nobody", "000000");

            Assert.Equal((known.Valid, known.HasMethod), (unknown.Valid, unknown.HasMethod));
            Assert.Equal(known.RetryAfter is null, unknown.RetryAfter is null);
            Assert.InRange(Math.Abs((known.RetryAfter ?? 0) - (unknown.RetryAfter ?? 0)), 0, 2);
        }
    }

    [Fact]
    public async Task Verify_ProbesOfManyUnknownUsers_OneAggregatedEventNotOneRowEach()
    {
        await using var s = await ShortWindowAsync();
        const int probes = 200;

        await Parallel.ForAsync(0, probes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            Assert.False((await VerifyAsync(s, $"probe-{i}", "123456")).Valid));

        var audit = await s.AuditAsync("action=totp.verify", a => a.Sum(Aggregated) >= probes);
        Assert.Equal(probes, audit.Sum(Aggregated));
        Assert.All(audit, e => Assert.Equal("unknown-user", e.GetProperty("outcome").GetString()));
        Assert.InRange(audit.Count, 1, 4);
    }

    [Fact]
    public async Task Verify_ThrottledUserKeepsTrying_RefusedAttemptsAggregatedWithTheirCount()
    {
        await using var s = await ShortWindowAsync();
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { })).Dispose();
        for (var i = 0; i < 5; i++)
        {
            await VerifyAsync(s, "alice", "000000");
        }
        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            if ((await VerifyAsync(s, "alice", "000000")).RetryAfter is not null)
            {
                refused++;
            }
        }

        var audit = await s.AuditAsync("userId=alice&action=totp.verify", a => a.Where(e => e.GetProperty("outcome").GetString() == "throttled").Sum(Aggregated) > 0);
        var throttled = audit.Where(e => e.GetProperty("outcome").GetString() == "throttled").ToList();
        Assert.NotEmpty(throttled);
        Assert.InRange(throttled.Count, 1, 4);
        Assert.InRange(audit.Count, 6, 20);
        Assert.True(refused >= 20, $"only {refused} attempts were throttled");
    }
}
