using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

public sealed class TotpTests
{
    private static async Task<(string MethodId, byte[] Secret, string Uri)> EnrollAsync(Scenario s, string userId)
    {
        using var response = await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp", new { });
        var enrollment = await DeviceClient.ReadAsync<JsonElement>(response, default);
        return (enrollment.GetProperty("methodId").GetString()!, Base32.Decode(enrollment.GetProperty("secret").GetString()!), enrollment.GetProperty("keyUri").GetString()!);
    }

    private static async Task<bool> VerifyAsync(Scenario s, string userId, string code) =>
        (await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp/verify", new { code }).Result.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean();

    [Fact]
    public async Task Enroll_ReturnsKeyUriAuthenticatorAppsAccept()
    {
        await using var s = await Scenario.SqliteAsync();

        var (_, secret, uri) = await EnrollAsync(s, "alice@example.com");

        var parsed = OtpAuthUri.Parse(uri);
        Assert.StartsWith("otpauth://totp/acme%20Inc:alice%40example.com?secret=", uri);
        Assert.Equal("acme Inc", parsed.Issuer);
        Assert.Equal(secret, parsed.Secret.ToArray());
        Assert.Equal(20, secret.Length);
    }

    [Fact]
    public async Task Verify_CurrentCode_AcceptedOnce_ReplayRejected()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, secret, _) = await EnrollAsync(s, "alice");
        var code = Totp.ComputeCode(secret, DateTimeOffset.UtcNow);

        Assert.True(await VerifyAsync(s, "alice", code));
        Assert.False(await VerifyAsync(s, "alice", code));
    }

    [Fact]
    public async Task Verify_TwoDevicesTwoCredentials_EachCodeValid()
    {
        await using var s = await Scenario.SqliteAsync();
        var (first, secret1, _) = await EnrollAsync(s, "alice");
        var (second, secret2, _) = await EnrollAsync(s, "alice");

        Assert.NotEqual(secret1, secret2);
        using var r2 = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = Totp.ComputeCode(secret2, DateTimeOffset.UtcNow) });
        var result = await r2.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.Equal(second, result.GetProperty("methodId").GetString());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Verify_SameCodeConcurrentlyOnTwoSilos_ExactlyOneAccepted()
    {
        await using var s = await Scenario.PostgresAsync(silos: 2);
        var (_, secret, _) = await EnrollAsync(s, "alice");
        var code = Totp.ComputeCode(secret, DateTimeOffset.UtcNow);
        var onA = s.Login;
        var onB = s.LoginOn(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var r = await (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
            return (await DeviceClient.ReadAsync<JsonElement>(r, default)).GetProperty("valid").GetBoolean();
        }));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Verify_UnknownUserAndWrongCode_SameAnswer()
    {
        await using var s = await Scenario.SqliteAsync();
        await EnrollAsync(s, "alice");

        using var unknown = await s.Login.PostAsJsonAsync("/v1/users/nobody/totp/verify", new { code = "123456" });
        using var wrong = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "123456" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_RepeatedFailures_Throttled()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, secret, _) = await EnrollAsync(s, "alice");
        for (var i = 0; i < 5; i++)
        {
            Assert.False(await VerifyAsync(s, "alice", "000000"));
        }

        using var throttled = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = Totp.ComputeCode(secret, DateTimeOffset.UtcNow) });

        Assert.False((await throttled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task Verify_BadInput_400()
    {
        await using var s = await Scenario.SqliteAsync();

        using var empty = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "" });
        using var badUser = await s.Login.PostAsJsonAsync("/v1/users/al%20ice/totp/verify", new { code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badUser.StatusCode);
    }
}
