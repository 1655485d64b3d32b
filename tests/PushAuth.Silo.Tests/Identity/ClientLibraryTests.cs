using System.Net;
using PushAuth.Client;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>The login-service client and the device simulator against a real silo.</summary>
public sealed class ClientLibraryTests
{
    [Fact]
    public async Task PhraseFlow_ThroughBothClients_PairsAndListsAccount()
    {
        await using var s = await Scenario.SqliteAsync();
        var login = new PushAuthClient(s.Login);
        var device = await s.DeviceAsync();
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync();

        var claimed = await login.ClaimPairingPhraseAsync(phrase, "alice", "Acme Mail");
        var waiter = login.WaitForPairingAsync(pairingId, TimeSpan.FromSeconds(20));
        var request = await device.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(10));
        (await device.ConfirmPairingAsync(pairingId, accept: true)).Dispose();
        var result = await waiter;

        Assert.Equal("AwaitingDevice", claimed.Status);
        Assert.Equal("alice", request!.UserId);
        Assert.Equal("Acme Mail", request.ServiceName);
        Assert.Equal("acme Inc", request.TenantName);
        Assert.Equal("Accepted", result.Status);
        Assert.Equal(device.DeviceId, result.DeviceId);
        var methods = await login.ListMethodsAsync("alice");
        Assert.Equal(result.MethodId, Assert.Single(methods).MethodId);
        Assert.Equal(["acme/alice"], (await device.ListAccountsAsync()).PairedUsers);
    }

    [Fact]
    public async Task PreCheckThenTargetedChallenge_ThroughTheClient_OnlyThatDeviceIsAsked()
    {
        await using var s = await Scenario.SqliteAsync();
        var login = new PushAuthClient(s.Login);
        var first = await s.DeviceAsync();
        var second = await s.DeviceAsync();
        await s.PairAsync(first, "alice");
        await s.PairAsync(second, "alice");

        var before = await login.PreCheckAsync("nobody");
        var check = await login.PreCheckAsync("alice");
        var target = check.Push.Devices.Single(d => d.DeviceId == second.DeviceId);
        var challenge = await login.CreateChallengeAsync("alice", new ChallengeContext("Acme Mail", "Sign in"), deviceId: target.DeviceId);

        Assert.Equal(("enroll", false), (before.Recommended, before.Enrolled));
        Assert.Equal(("push", 2), (check.Recommended, check.Push.Devices.Count));
        Assert.Empty(await first.PullAsync());
        Assert.Equal(challenge.ChallengeId, Assert.Single(await second.PullAsync()).ChallengeId);
    }

    [Fact]
    public async Task Errors_SurfaceAsApiExceptionWithStableCode()
    {
        await using var s = await Scenario.SqliteAsync();
        var login = new PushAuthClient(s.Login);

        var unknown = await Assert.ThrowsAsync<PushAuthApiException>(() => login.ClaimPairingPhraseAsync("apple-apple-apple-apple", "alice", "Mail"));
        var badUser = await Assert.ThrowsAsync<PushAuthApiException>(() => login.ListMethodsAsync("al ice"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("pairing.unknown-phrase", unknown.Code);
        Assert.Equal(HttpStatusCode.BadRequest, badUser.StatusCode);
        Assert.Equal("userId.invalid", badUser.Code);
    }

    [Fact]
    public async Task OfferTotpAndDisconnect_ThroughClients()
    {
        await using var s = await Scenario.SqliteAsync();
        var login = new PushAuthClient(s.Login);
        var device = await s.DeviceAsync();

        var offer = await login.CreatePairingOfferAsync("bob", "Acme VPN");
        (await device.CompleteOfferAsync(offer.Uri)).Dispose();
        var paired = await login.GetPairingAsync(offer.PairingId);
        var totp = await login.EnrollTotpAsync("bob", device.DeviceId);
        var ok = await login.VerifyTotpAsync("bob", Totp.ComputeCode(Base32.Decode(totp.Secret), DateTimeOffset.UtcNow));
        await login.DisconnectMethodAsync("bob", paired.MethodId!, "lost");
        var left = await login.ListMethodsAsync("bob");

        Assert.Contains("tenant=acme%20Inc", offer.Uri, StringComparison.Ordinal);
        Assert.Equal("Accepted", paired.Status);
        Assert.True(ok.Valid);
        Assert.Equal(totp.MethodId, ok.MethodId);
        Assert.Equal("totp", Assert.Single(left).Kind);
        Assert.Empty((await device.ListAccountsAsync()).PairedUsers);
    }

    [Fact]
    public async Task DeviceClient_UpdatePushTokenAndDeregister_ThroughSignedRequests()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");

        await device.UpdatePushTokenAsync("apns", "a1b2c3d4");
        var info = await device.ListAccountsAsync();
        await device.DeregisterAsync();

        Assert.Equal("apns", info.PushProvider);
        Assert.True(info.PushTokenValid);
        Assert.Empty(await new PushAuthClient(s.Login).ListMethodsAsync("alice"));
        var refused = await Assert.ThrowsAsync<PushAuthApiException>(() => device.OpenSessionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task DeviceClient_BadPushToken_400AndTokenUnchanged()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync(provider: "fcm", token: "fcm-token-1");

        var nonHexApns = await Assert.ThrowsAsync<PushAuthApiException>(() => device.UpdatePushTokenAsync("apns", "not-hex!"));
        var oversized = await Assert.ThrowsAsync<PushAuthApiException>(() => device.UpdatePushTokenAsync("fcm", new string('t', 5000)));
        var unknownProvider = await Assert.ThrowsAsync<PushAuthApiException>(() => device.UpdatePushTokenAsync("sms", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, nonHexApns.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownProvider.StatusCode);
        Assert.Equal("fcm", (await device.ListAccountsAsync()).PushProvider);
    }

    [Fact]
    public async Task TwoSilos_OfferMadeOnA_CompletedOnB_WaiterOnAWoken()
    {
        await using var s = await Scenario.PostgresAsync(silos: 2);
        var loginOnA = new PushAuthClient(s.Login);
        var deviceOnB = await s.DeviceAsync(silo: 1);
        var offer = await loginOnA.CreatePairingOfferAsync("dave", "VPN");
        var waiter = loginOnA.GetPairingAsync(offer.PairingId, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        var started = DateTime.UtcNow;

        using var completed = await deviceOnB.CompleteOfferAsync(offer.Uri);
        var result = await waiter;

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Accepted", result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "woken by the notification, not by the wait running out");
        Assert.Single(await new PushAuthClient(s.LoginOn(1)).ListMethodsAsync("dave"));
    }
}
