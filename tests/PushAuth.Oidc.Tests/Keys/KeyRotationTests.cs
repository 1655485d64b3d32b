using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PushAuth.Oidc.Tests.Infrastructure;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Keys;

/// <summary>Rotation by key id on a running provider: the active key signs, the old one stays in every tenant's JWKS, so
/// tokens signed before the switch still validate at relying parties that cached either key.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task TwoSigningKeys_ActiveSigns_BothPublished_NoPrivatePartInTheJwks()
    {
        var o2 = "o2:" + Convert.ToBase64String(RSA.Create(2048).ExportPkcs8PrivateKey());
        await using var o = await OidcScenario.StartAsync(silo: new Dictionary<string, string?>
        {
            ["PushAuth:Oidc:SigningKeys"] = $"{o2};{TestKeys.OidcSigningKeys}",
            ["PushAuth:Oidc:ActiveSigningKeyId"] = "o2",
            ["PushAuth:Oidc:CibaInterval"] = "00:00:01",
        });
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");

        var jwksJson = await new HttpClient().GetStringAsync(o.Issuer + "/.well-known/jwks");
        var jwks = new JsonWebKeySet(jwksJson);
        var idToken = await CibaIdTokenAsync(o, phone);
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = o.Issuer, ValidAudience = o.ClientId, IssuerSigningKeys = jwks.GetSigningKeys(),
        });

        Assert.Equal(["o1", "o2"], jwks.Keys.Select(k => k.Kid).Order(StringComparer.Ordinal));
        Assert.All(jwks.Keys, k => Assert.Equal("RSA", k.Kty));
        Assert.DoesNotContain("\"d\"", jwksJson, StringComparison.Ordinal);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal("o2", new JsonWebToken(idToken).Kid);
    }

    private static async Task<string> CibaIdTokenAsync(OidcScenario o, DeviceClient phone)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ClientId}:{o.ClientSecret}")));
        using var started = await http.PostAsync(o.Issuer + "/bc-authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = "openid", ["login_hint"] = "alice" }));
        var authReqId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("auth_req_id").GetString()!;
        await o.AnswerAsync(phone, "alice", approve: true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await Task.Delay(1100);
            using var poll = await http.PostAsync(o.Issuer + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = authReqId,
            }));
            var body = await poll.Content.ReadFromJsonAsync<JsonElement>();
            if (poll.IsSuccessStatusCode)
            {
                return body.GetProperty("id_token").GetString()!;
            }
            Assert.Equal("authorization_pending", body.GetProperty("error").GetString());
            Assert.True(DateTime.UtcNow < deadline, "the approval never reached the token endpoint");
        }
    }
}
