using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>TOTP policy over HTTP on a silo with a fake clock: window, throttling, the NIST lock.</summary>
public sealed class TotpPolicyTests
{
    // The middle of a 30 s step, so "now" never sits on a boundary.
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 15, TimeSpan.Zero);

    private static async Task<byte[]> EnrollAsync(Scenario s, string userId)
    {
        using var response = await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp", new { });
        return Base32.Decode((await DeviceClient.ReadAsync<JsonElement>(response, default)).GetProperty("secret").GetString()!);
    }

    private static async Task<(bool Valid, TimeSpan? RetryAfter)> VerifyAsync(Scenario s, string userId, string code)
    {
        using var response = await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp/verify", new { code });
        var body = await DeviceClient.ReadAsync<JsonElement>(response, default);
        return (body.GetProperty("valid").GetBoolean(), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Verify_WindowFromTenantSettings_OneAcceptsPreviousStep_ZeroDoesNot()
    {
        var clock = new FakeTimeProvider(Start);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var secret = await EnrollAsync(s, "alice");
        var step = Totp.GetTimeStep(Start);

        var twoBack = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, step - 2));
        var previousUnderDefault = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, step - 1));
        using (var strict = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", totpWindow = 0 }))
        {
            strict.EnsureSuccessStatusCode();
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        var now = Totp.GetTimeStep(clock.GetUtcNow());
        var previousUnderStrict = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, now - 1));
        var currentUnderStrict = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, now));

        Assert.True(previousUnderDefault.Valid);
        Assert.False(twoBack.Valid);
        Assert.False(previousUnderStrict.Valid);
        Assert.True(currentUnderStrict.Valid);
    }

    [Fact]
    public async Task Verify_OlderStepAfterNewerAccepted_Rejected()
    {
        var clock = new FakeTimeProvider(Start);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var secret = await EnrollAsync(s, "alice");
        var step = Totp.GetTimeStep(Start);

        var current = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, step));
        var previous = await VerifyAsync(s, "alice", Totp.ComputeCodeForStep(secret, step - 1));

        Assert.True(current.Valid);
        Assert.False(previous.Valid);
    }

    [Fact]
    public async Task Verify_ThrottleGrowsThenLocksAfter100Failures_EvenTheRightCodeRefused()
    {
        var clock = new FakeTimeProvider(Start);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var secret = await EnrollAsync(s, "alice");
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 100; i++)
        {
            var (valid, retryAfter) = await VerifyAsync(s, "alice", i % 2 == 0 ? "000000" : "999999");
            Assert.False(valid);
            if (retryAfter is { } delay)
            {
                delays.Add(delay);
                // While throttled, attempts are refused with Retry-After (and not counted).
                Assert.NotNull((await VerifyAsync(s, "alice", "111111")).RetryAfter);
                clock.Advance(delay);
            }
        }

        clock.Advance(TimeSpan.FromHours(1));
        var locked = await VerifyAsync(s, "alice", Totp.ComputeCode(secret, clock.GetUtcNow()));

        Assert.Equal(TimeSpan.FromSeconds(1), delays[0]);
        Assert.Equal(delays.Order().ToList(), delays);
        Assert.True(delays[^1] <= TimeSpan.FromMinutes(15));
        Assert.False(locked.Valid);
        var audit = await s.AuditAsync("userId=alice&action=totp.verify&limit=5", a => a.Count > 0 && a[0].GetProperty("outcome").GetString() == "locked");
        Assert.Equal("locked", audit[0].GetProperty("outcome").GetString());
        using (var byLoginService = await s.Login.DeleteAsync("/v1/admin/users/alice/totp-lock"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byLoginService.StatusCode);
        }
        using (var cleared = await s.Admin.DeleteAsync("/v1/admin/users/alice/totp-lock"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }
        Assert.True((await VerifyAsync(s, "alice", Totp.ComputeCode(secret, clock.GetUtcNow().AddSeconds(30)))).Valid);
    }

    [Fact]
    public async Task Enroll_TiedToUnknownDeviceIdFormat_404_AndOversizedCode400()
    {
        var clock = new FakeTimeProvider(Start);
        await using var s = await Scenario.SqliteWithClockAsync(clock);

        using var badDevice = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { deviceId = "../x" });
        using var longCode = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = new string('1', 11) });

        Assert.Equal(HttpStatusCode.NotFound, badDevice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longCode.StatusCode);
    }
}
