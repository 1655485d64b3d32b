using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

public sealed class AuthAndTenancyTests
{
    [Fact]
    public async Task ApiKey_MissingOrWrong_401Problem()
    {
        await using var s = await Scenario.SqliteAsync();
        using var none = await s.Client(0, null).GetAsync("/v1/users/alice/methods");
        using var wrong = await s.Client(0, "pak_AAAAAAAA_notakey").GetAsync("/v1/users/alice/methods");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LoginServiceKey_OnAdminEndpoint_403()
    {
        await using var s = await Scenario.SqliteAsync();

        using var response = await s.Login.GetAsync("/v1/admin/api-keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TenantA_CannotSeeOrChangeTenantB()
    {
        await using var a = await Scenario.SqliteAsync("tenant-a");
        var b = await a.OtherTenantAsync("tenant-b");
        var device = await a.DeviceAsync();
        var methodId = await a.PairAsync(device, "alice");
        var challenge = await a.CreateChallengeAsync("alice");
        var challengeId = challenge.GetProperty("challengeId").GetString();

        var methodsSeenByB = await b.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods");
        using var readByB = await b.Login.GetAsync($"/v1/challenges/{challengeId}");
        using var cancelByB = await b.Login.PostAsync($"/v1/challenges/{challengeId}/cancel", null);
        using var disconnectByB = await b.Login.DeleteAsync($"/v1/users/alice/methods/{methodId}");

        Assert.Empty(methodsSeenByB.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, readByB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelByB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disconnectByB.StatusCode);
        Assert.Single((await a.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
        Assert.Equal("Pending", (await a.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AdminKey_IssuesAndRevokesKeys_RevokedKeyRefused()
    {
        await using var s = await Scenario.SqliteAsync();
        using var created = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role = "LoginService", name = "web frontend" });
        var key = await DeviceClient.ReadAsync<JsonElement>(created, default);
        var client = s.Client(0, key.GetProperty("key").GetString());
        using (var ok = await client.GetAsync("/v1/users/alice/methods"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var revoke = await s.Admin.DeleteAsync($"/v1/admin/api-keys/{key.GetProperty("keyId").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        // A fresh silo has no cached verification: the revoked key is refused.
        var listed = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys");
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("revoked").GetBoolean());
        Assert.All(listed.EnumerateArray(), k => Assert.Equal("", k.GetProperty("hash").GetString()));
    }

    [Fact]
    public async Task Register_MalformedKeyOrBadProofOrOversizedField_4xxAndNoDevice()
    {
        await using var s = await Scenario.SqliteAsync();
        using var key = DeviceKeyPair.Create();
        var client = s.Client(0, null);
        using var nonceResponse = await client.PostAsync("/v1/devices/registration-nonce", null);
        var nonce = (await nonceResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
        var proof = key.SignToBase64Url($"PA2-REGISTER\n{nonce}\n{key.PublicKeySpki}");

        using var malformed = await client.PostAsJsonAsync("/v1/devices", new { publicKey = "not-a-key", platform = "android", pushProvider = "dev", appVersion = "1", displayName = "x", nonce, proof });
        using var badProof = await client.PostAsJsonAsync("/v1/devices", new { publicKey = key.PublicKeySpki, platform = "android", pushProvider = "dev", appVersion = "1", displayName = "x", nonce, proof = "AAAA" });
        using var oversized = await client.PostAsJsonAsync("/v1/devices", new { publicKey = key.PublicKeySpki, platform = "android", pushProvider = "dev", appVersion = "1", displayName = new string('x', 500), nonce, proof });
        using var badPlatform = await client.PostAsJsonAsync("/v1/devices", new { publicKey = key.PublicKeySpki, platform = "symbian", pushProvider = "dev", appVersion = "1", displayName = "x", nonce, proof });
        using var badJson = await client.PostAsync("/v1/devices", new StringContent("{\"publicKey\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badProof.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPlatform.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("application/problem+json", badJson.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Session_ForgedSignatureOrNoToken_401()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var client = s.Client(0, null);
        var nonce = (await (await client.PostAsync($"/v1/devices/{device.DeviceId}/session-nonce", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString();
        using var stranger = DeviceKeyPair.Create();

        using var forged = await client.PostAsJsonAsync($"/v1/devices/{device.DeviceId}/sessions", new { nonce, signature = stranger.SignToBase64Url($"PA1-SESSION\n{device.DeviceId}\n{nonce}") });
        using var tampered = await client.PostAsJsonAsync($"/v1/devices/{device.DeviceId}/sessions", new { nonce = "9999999999.abc.def", signature = device.Key.SignToBase64Url("x") });
        using var noToken = await client.GetAsync("/v1/device/challenges");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task SignedRequest_ReplayedStaleOrUnsigned_Refused()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var body = new { pushProvider = "fcm", pushToken = "new-fcm-token" };

        using var ok = await device.SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", body, nonce: "nonce-0001");
        using var replay = await device.SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", body, nonce: "nonce-0001");
        using var stale = await device.SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", body, unixTime: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        using var unsigned = await device.SendAsync(HttpMethod.Put, "/v1/device/push-token", body);

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        var info = await DeviceClient.ReadAsync<JsonElement>(await device.SendAsync(HttpMethod.Get, "/v1/device"), default);
        Assert.Equal("fcm", info.GetProperty("pushProvider").GetString());
    }

    [Fact]
    public async Task Deregister_RemovesMethodsAndRefusesSession()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");

        using var deregister = await device.SendSignedAsync(HttpMethod.Delete, "/v1/device");
        using var after = await device.SendAsync(HttpMethod.Get, "/v1/device/challenges");

        Assert.Equal(HttpStatusCode.NoContent, deregister.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
    }
}
