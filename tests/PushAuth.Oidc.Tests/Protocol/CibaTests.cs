using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Protocol;

/// <summary>CIBA poll mode from the attacker's and the impatient client's side.</summary>
public sealed class CibaTests
{
    private static async Task<HttpResponseMessage> PostAsync(string url, string clientId, string secret, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Ciba_PollingFasterThanInterval_SlowDown_ThenPendingAfterTheGrownInterval()
    {
        await using var o = await OidcScenario.StartAsync(silo: new Dictionary<string, string?> { ["PushAuth:Oidc:CibaInterval"] = "00:00:01" });
        await o.S.PairAsync(await o.S.DeviceAsync(), "alice");
        using var started = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret,
            new() { ["scope"] = "openid", ["login_hint"] = "alice", ["binding_message"] = "Order 7" });
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.OK, body);
        var authReqId = JsonDocument.Parse(body).RootElement.GetProperty("auth_req_id").GetString()!;
        var poll = new Dictionary<string, string> { ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = authReqId };

        using var first = await PostAsync(o.Issuer + "/token", o.ClientId, o.ClientSecret, poll);
        using var tooSoon = await PostAsync(o.Issuer + "/token", o.ClientId, o.ClientSecret, poll);
        var firstError = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        var tooSoonError = (await tooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();

        Assert.Equal(("authorization_pending", HttpStatusCode.BadRequest), (firstError, first.StatusCode));
        Assert.Equal(("slow_down", HttpStatusCode.BadRequest), (tooSoonError, tooSoon.StatusCode));
    }

    [Fact]
    public async Task Ciba_FromAClientNotAllowedCiba_UnauthorizedClient_AndNoPush()
    {
        await using var o = await OidcScenario.StartAsync(flows: "AuthorizationCode");
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");

        using var refused = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret, new() { ["scope"] = "openid", ["login_hint"] = "alice" });
        using var grant = await PostAsync(o.Issuer + "/token", o.ClientId, o.ClientSecret,
            new() { ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("unauthorized_client", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("unauthorized_client", (await grant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Ciba_RequestedExpiryAndInterval_Answered_BindingMessageOnThePhonesChallenge()
    {
        await using var o = await OidcScenario.StartAsync(silo: new Dictionary<string, string?> { ["PushAuth:Oidc:CibaInterval"] = "00:00:02" });
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");

        using var started = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret,
            new() { ["scope"] = "openid", ["login_hint"] = "alice", ["binding_message"] = "Order 8", ["requested_expiry"] = "30" });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var challenge = Assert.Single(await phone.PullAsync());

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 28, 30);
        Assert.Equal(2, body.GetProperty("interval").GetInt32());
        Assert.Equal(43, body.GetProperty("auth_req_id").GetString()!.Length);
        Assert.Equal("Order 8", challenge.Context.GetProperty("bindingMessage").GetString());
        Assert.InRange(challenge.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Theory]
    [InlineData("binding_message", "0123456789012345678901234567890123456789012345678901234567890123456789", "invalid_binding_message")]
    [InlineData("binding_message", "line\nbreak", "invalid_binding_message")]
    [InlineData("requested_expiry", "5", "invalid_request")]
    [InlineData("requested_expiry", "-30", "invalid_request")]
    [InlineData("login_hint", "", "invalid_request")]
    [InlineData("scope", "profile", "invalid_scope")]
    public async Task Ciba_BadParameter_400WithItsError_AndNoPush(string name, string value, string error)
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        var form = new Dictionary<string, string> { ["scope"] = "openid", ["login_hint"] = "alice" };
        form[name] = value.Replace("\\n", "\n", StringComparison.Ordinal);

        using var response = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Ciba_UserWithoutADevice_AccessDenied403_WrongSecret_InvalidClient401()
    {
        await using var o = await OidcScenario.StartAsync();

        using var noDevice = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret, new() { ["scope"] = "openid", ["login_hint"] = "nobody" });
        using var wrongSecret = await PostAsync(o.Issuer + "/bc-authorize", o.ClientId, o.ClientSecret + "x", new() { ["scope"] = "openid", ["login_hint"] = "alice" });

        Assert.Equal(HttpStatusCode.Forbidden, noDevice.StatusCode);
        Assert.Equal("access_denied", (await noDevice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await wrongSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
