using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Protocol;

/// <summary>The authorization code flow with PAR and PKCE, step by step over HTTP, against a real silo and a simulated phone.</summary>
public sealed class CodeFlowTests
{
    [Fact]
    public async Task Push_ApprovedWithNumber_CodeOnce_IdTokenSignedWithSubAmrAcrAuthTimeAndChallenge()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");

        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("acme Inc", html, StringComparison.Ordinal);
        var handle = OidcScenario.Handle(pushed);
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{handle}/push", null);
        var pending = await push.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", pending.GetProperty("status").GetString());
        var challenge = await o.AnswerAsync(phone, "alice", approve: true);
        using var done = await o.CompleteAsync(browser, pushed);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var location = done.Headers.Location!;
        Assert.StartsWith(OidcScenario.RedirectUri, location.ToString(), StringComparison.Ordinal);
        Assert.Equal(pushed.State, OidcScenario.Query(location, "state"));
        var code = OidcScenario.Query(location, "code")!;
        using var tokens = await o.RedeemAsync(code, pushed.Verifier);
        var body = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokens.IsSuccessStatusCode, body.ToString());
        using var replay = await o.RedeemAsync(code, pushed.Verifier);
        var replayBody = await replay.Content.ReadFromJsonAsync<JsonElement>();

        var idToken = body.GetProperty("id_token").GetString()!;
        var jwks = new JsonWebKeySet(await new HttpClient().GetStringAsync(o.Issuer + "/.well-known/jwks"));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = o.Issuer, ValidAudience = o.ClientId, IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(["mfa", "swk", "user"], JsonDocument.Parse(jwt.EncodedPayload.Length > 0 ? Base64UrlEncoder.Decode(jwt.EncodedPayload) : "{}").RootElement
            .GetProperty("amr").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("urn:pushauth:acr:push-number-match", jwt.GetClaim("acr").Value);
        Assert.Equal(challenge.ChallengeId, jwt.GetClaim("challenge_id").Value);
        Assert.True(long.Parse(jwt.GetClaim("auth_time").Value, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        Assert.Equal("invalid_grant", replayBody.GetProperty("error").GetString());
    }
}
