using System.Net;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Prompt;

/// <summary>The prompt's caller is an unauthenticated browser: a user's push budget, which the login service's key is
/// told on <c>POST /v1/challenges</c>, never reaches it in the RateLimit fields.</summary>
public sealed class PromptRateLimitTests
{
    [Fact]
    public async Task PromptPush_UserPushRateSpent_429WithRetryAfterOnly_NoRateLimitFields()
    {
        await using var o = await OidcScenario.StartAsync();
        var phone = await o.S.DeviceAsync();
        await o.S.PairAsync(phone, "alice");
        // The login service spends alice's five pushes of the minute, cancelling each so the outstanding cap stays clear.
        for (var i = 0; i < 5; i++)
        {
            var id = (await o.S.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();
            using var cancel = await o.S.Login.PostAsync($"/v1/challenges/{id}/cancel", null);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");
        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        using var push = await browser.PostAsync($"{o.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);

        var text = await push.Content.ReadAsStringAsync();
        Assert.True(push.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)push.StatusCode}: {text}");
        Assert.Contains("push.rate-limited", text, StringComparison.Ordinal);
        Assert.NotNull(push.Headers.RetryAfter);
        Assert.All(new[] { page, push }, r => Assert.DoesNotContain(r.Headers, h => h.Key.StartsWith("RateLimit", StringComparison.OrdinalIgnoreCase)));
    }
}
