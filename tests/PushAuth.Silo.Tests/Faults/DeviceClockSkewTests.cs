using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>Issue 12 item 24: a phone whose clock is five minutes off. Session proofs and signed answers carry no device
/// time (the server's nonce and the challenge's own nonce bind them), so they work whatever the phone's clock says; the
/// signed-request timestamp tolerates 5 minutes and beyond is refused with a code saying so; TOTP keeps its window.</summary>
public sealed class DeviceClockSkewTests
{
    private static readonly TimeSpan Off = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task SessionAndAnswer_DeviceClockFiveMinutesOff_StillWork()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");

        // Nothing the phone signs for a session or an answer contains its clock: a fresh session, then a signed answer.
        await device.OpenSessionAsync();
        var created = await s.CreateChallengeAsync("alice");
        using var answer = await device.AnswerAsync(Assert.Single(await device.PullAsync()), approve: true, created.GetProperty("numberMatch").GetString());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{created.GetProperty("challengeId").GetString()}");
        Assert.Equal("Approved", view.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task SignedRequest_TimestampWithinFiveMinutes_AcceptedBeyond_RefusedAsStale(int direction)
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var body = new { pushProvider = "fcm", pushToken = "token-" + direction };
        long Skewed(TimeSpan by) => DateTimeOffset.UtcNow.Add(by * direction).ToUnixTimeSeconds();

        using var inside = await device.SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", body, unixTime: Skewed(Off - TimeSpan.FromSeconds(10)));
        using var outside = await device.SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", body, unixTime: Skewed(Off + TimeSpan.FromSeconds(10)));

        Assert.Equal(HttpStatusCode.NoContent, inside.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        var problem = await outside.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("signature.stale", problem.GetProperty("code").GetString());
        Assert.Contains("5 minutes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Totp_AuthenticatorClockFiveMinutesOff_RefusedWhileOneStepOffIsAccepted()
    {
        await using var s = await Scenario.SqliteAsync();
        using var enroll = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { });
        var secret = Base32.Decode((await DeviceClient.ReadAsync<JsonElement>(enroll, default)).GetProperty("secret").GetString()!);

        // The default window is one 30 s step either side: a phone 30 s fast is fine, five minutes is ten steps out.
        Assert.False(await VerifyAsync(s, Totp.ComputeCode(secret, DateTimeOffset.UtcNow.Add(Off))));
        Assert.False(await VerifyAsync(s, Totp.ComputeCode(secret, DateTimeOffset.UtcNow.Subtract(Off))));
        Assert.True(await VerifyAsync(s, Totp.ComputeCode(secret, DateTimeOffset.UtcNow.AddSeconds(30))));
    }

    private static async Task<bool> VerifyAsync(Scenario s, string code)
    {
        using var response = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
        return (await DeviceClient.ReadAsync<JsonElement>(response, default)).GetProperty("valid").GetBoolean();
    }
}
