using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Protocol;

/// <summary>PKCE is required and S256 only: the pushed request without a challenge, or with the plain method, is refused,
/// and a code is redeemed only with its own verifier.</summary>
public sealed class PkceTests
{
    [Fact]
    public async Task Discovery_ParRequired_S256Only_ClientSecretsOnly()
    {
        await using var o = await OidcScenario.StartAsync();

        var metadata = JsonDocument.Parse(await new HttpClient().GetStringAsync(o.Issuer + "/.well-known/openid-configuration")).RootElement;

        Assert.True(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.Equal(["S256"], metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        foreach (var endpoint in new[] { "token_endpoint_auth_methods_supported", "pushed_authorization_request_endpoint_auth_methods_supported" })
        {
            Assert.Equal(["client_secret_basic", "client_secret_post"], metadata.GetProperty(endpoint).EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", "verifier-verifier-verifier-verifier-verifier-01")]
    public async Task Par_WithoutS256Challenge_Refused(string? method, string? challenge)
    {
        await using var o = await OidcScenario.StartAsync();
        var parameters = o.PushParameters("alice", "v", "s1");
        parameters.Remove("code_challenge");
        parameters.Remove("code_challenge_method");
        if (method is not null)
        {
            (parameters["code_challenge_method"], parameters["code_challenge"]) = (method, challenge!);
        }

        using var response = await o.PushRawAsync(parameters);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant_AndTheCodeIsNotSpent()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");
        using (await browser.GetAsync(o.AuthorizeUrl(pushed)))
        using (await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null))
        {
        }
        await o.AnswerAsync(phone, "alice", approve: true);
        using var done = await o.CompleteAsync(browser, pushed);
        var code = OidcScenario.Query(done.Headers.Location!, "code")!;

        using var wrong = await o.RedeemAsync(code, pushed.Verifier[..^1] + (pushed.Verifier[^1] == 'A' ? 'B' : 'A'));
        using var right = await o.RedeemAsync(code, pushed.Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.True(right.IsSuccessStatusCode, await right.Content.ReadAsStringAsync());
    }
}
