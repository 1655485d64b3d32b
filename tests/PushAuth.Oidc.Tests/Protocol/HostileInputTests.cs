using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Protocol;

/// <summary>The code flow from the attacker's side: what the browser, another tenant or a replay can and cannot change.</summary>
public sealed class HostileInputTests
{
    private static async Task<string> SignInAsync(OidcScenario o, HttpClient browser, OidcScenario.Pushed pushed, string authorizeUrl, DeviceClient phone, string phoneUser)
    {
        using var page = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        await o.AnswerAsync(phone, phoneUser, approve: true);
        using var done = await o.CompleteAsync(browser, pushed);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        using var tokens = await o.RedeemAsync(OidcScenario.Query(done.Headers.Location!, "code")!, pushed.Verifier);
        var body = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokens.IsSuccessStatusCode, body.ToString());
        return new JsonWebToken(body.GetProperty("id_token").GetString()).Subject;
    }

    [Fact]
    public async Task LoginHintChangedInTheBrowser_IsIgnored_ThePushedUserIsAskedAndSignedIn()
    {
        await using var o = await OidcScenario.StartAsync();
        var alicePhone = await o.S.DeviceAsync();
        var malloryPhone = await o.S.DeviceAsync();
        await o.S.PairAsync(alicePhone, "alice");
        await o.S.PairAsync(malloryPhone, "mallory");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");

        var subject = await SignInAsync(o, browser, pushed, o.AuthorizeUrl(pushed, "&login_hint=mallory&redirect_uri=" + Uri.EscapeDataString("https://evil.example/cb")), alicePhone, "alice");

        Assert.Equal("alice", subject);
        Assert.Empty(await malloryPhone.PullAsync());
    }

    [Fact]
    public async Task AuthorizeWithoutPar_Refused_EvenWithALoginHint()
    {
        await using var o = await OidcScenario.StartAsync();
        using var browser = o.Browser();

        using var response = await browser.GetAsync($"{o.Issuer}/authorize?client_id={o.ClientId}&response_type=code&scope=openid&login_hint=mallory" +
            $"&redirect_uri={Uri.EscapeDataString(OidcScenario.RedirectUri)}&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghijabc&code_challenge_method=S256");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("request_uri", await response.Content.ReadAsStringAsync() + response.Headers.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999/signin-oidc/")]
    [InlineData("http://127.0.0.1:5999/SIGNIN-OIDC")]
    [InlineData("http://127.0.0.1:5998/signin-oidc")]
    [InlineData("https://evil.example/signin-oidc")]
    public async Task Par_WrongRedirectUri_InvalidRequest(string redirectUri)
    {
        await using var o = await OidcScenario.StartAsync();

        using var response = await o.PushRawAsync(o.PushParameters("alice", new string('v', 43), "s", redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_RedirectUriOtherThanTheCodes_InvalidGrant()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");
        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
        await o.AnswerAsync(phone, "alice", approve: true);
        using var done = await o.CompleteAsync(browser, pushed);
        var code = OidcScenario.Query(done.Headers.Location!, "code")!;

        using var wrong = await o.RedeemAsync(code, pushed.Verifier, redirectUri: "http://127.0.0.1:5999/other");
        using var noVerifier = await o.RedeemAsync(code, "x" + pushed.Verifier[1..]);

        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("invalid_grant", (await noVerifier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnotherTenantsClient_RefusedAtPar_AndACodeFromAnotherIssuerIsNotRedeemedHere()
    {
        await using var o = await OidcScenario.StartAsync();
        var other = await o.S.OtherTenantAsync("globex");
        var (globexClient, globexSecret) = await o.RegisterClientAsync("AuthorizationCode,Ciba", admin: other.Admin);
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");

        // globex's client at acme's issuer.
        using var par = await o.PushRawAsync(o.PushParameters("alice", new string('v', 43), "s"), globexClient, globexSecret);
        // acme's code at globex's issuer.
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");
        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
        await o.AnswerAsync(phone, "alice", approve: true);
        using var done = await o.CompleteAsync(browser, pushed);
        var code = OidcScenario.Query(done.Headers.Location!, "code")!;
        using var elsewhere = await o.RedeemAsync(code, pushed.Verifier, issuer: o.Issuer.Replace("/acme", "/globex", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, par.StatusCode);
        Assert.Equal("invalid_client", (await par.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.NotEqual(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task RequestUri_CompletedOnce_ThenRefused()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");
        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
        await o.AnswerAsync(phone, "alice", approve: true);
        using var first = await o.CompleteAsync(browser, pushed);

        using var again = await o.CompleteAsync(browser, pushed);

        Assert.NotNull(OidcScenario.Query(first.Headers.Location!, "code"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Null(OidcScenario.Query(again.Headers.Location!, "code"));
        Assert.Equal("invalid_request", OidcScenario.Query(again.Headers.Location!, "error"));
    }

    [Fact]
    public async Task Denied_AccessDenied_FraudReport_ItsOwnError()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        var victimPhone = await o.S.DeviceAsync();
        await o.S.PairAsync(victimPhone, "bob");
        using var browser = o.Browser();

        async Task<Uri> AnswerAsync(string user, DeviceClient device, string reason)
        {
            var pushed = await o.PushAsync(user);
            using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
            using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
            await o.AnswerAsync(device, user, approve: false, reason: reason);
            using var done = await o.CompleteAsync(browser, pushed);
            return done.Headers.Location!;
        }

        var denied = await AnswerAsync("alice", phone, "declined");
        var fraud = await AnswerAsync("bob", victimPhone, "fraud");

        Assert.Equal("access_denied", OidcScenario.Query(denied, "error"));
        Assert.Equal("fraud_reported", OidcScenario.Query(fraud, "error"));
        Assert.Contains("wasn't me", OidcScenario.Query(fraud, "error_description"), StringComparison.Ordinal);
    }
}
