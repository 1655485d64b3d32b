using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Oidc.Tests.Infrastructure;
using PushAuth.Silo.Tests.Admin;
using Xunit;

namespace PushAuth.Oidc.Tests.Prompt;

/// <summary>Pairing on the prompt is for a user with no method at all. Someone who knows only the first factor (they
/// reach the prompt through the relying party's login) must not pair their own phone to an enrolled user and then
/// approve with it.</summary>
public sealed class PromptPairingTests
{
    private static async Task<HttpResponseMessage> ClaimOnThePromptAsync(OidcScenario o, HttpClient browser, string userId, string phrase)
    {
        var pushed = await o.PushAsync(userId);
        using (var page = await browser.GetAsync(o.AuthorizeUrl(pushed)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        return await browser.PostAsJsonAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/pairing", new { phrase });
    }

    [Fact]
    public async Task EnrolledUser_PhoneOrTotp_PairingRefused403_TheAttackersPhoneGetsNothing_NewUserPairs()
    {
        await using var o = await OidcScenario.StartAsync();
        await o.S.PairAsync(await o.S.DeviceAsync(), "alice");
        await o.S.EnrollTotpAsync("carol");
        var attacker = await o.S.DeviceAsync();
        using var browser = o.Browser();

        foreach (var victim in new[] { "alice", "carol" })
        {
            var (pairingId, phrase) = await attacker.RequestPairingPhraseAsync();
            using var refused = await ClaimOnThePromptAsync(o, browser, victim, phrase);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            using var confirm = await attacker.ConfirmPairingAsync(pairingId, accept: true);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("oidc.already-enrolled", problem.GetProperty("code").GetString());
            Assert.False(confirm.IsSuccessStatusCode, $"the attacker's phone was paired to {victim}");
        }
        var newbie = await o.S.DeviceAsync();
        var (_, newbiePhrase) = await newbie.RequestPairingPhraseAsync();
        using var claimed = await ClaimOnThePromptAsync(o, browser, "newbie", newbiePhrase);
        Assert.True(claimed.IsSuccessStatusCode, await claimed.Content.ReadAsStringAsync());
        Assert.Empty(await attacker.PullAsync());
    }
}
