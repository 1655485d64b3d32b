using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using PushAuth.DeviceSimulator;
using PushAuth.Oidc.Tests.Infrastructure;
using PushAuth.Samples.OidcRelyingParty;
using PushAuth.Security;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Console;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Oidc.Tests.Browser;

/// <summary>
/// ASP.NET Core's own OpenID Connect handler (the sample relying party, with PAR) signs people in through the hosted
/// prompt in Debian's chromium, a simulated phone answering as a person would, on three paths: first-time pairing by
/// phrase then approval; approval; denial, then a TOTP code instead. The prompt has zero axe violations (WCAG 2.2 AA
/// rules) at 390 px, is driven by keyboard, and its CSP forbids framing.
/// </summary>
public sealed class RelyingPartyBrowserTests(ITestOutputHelper output)
{
    private sealed class Harness : IAsyncDisposable
    {
        public required OidcScenario O { get; init; }

        public required WebApplication Rp { get; init; }

        public required string RpBase { get; init; }

        public required IPlaywright Playwright { get; init; }

        public required IBrowser Browser { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await Rp.DisposeAsync();
            await O.DisposeAsync();
        }
    }

    private static async Task<Harness> StartAsync()
    {
        var o = await OidcScenario.StartAsync(flows: "AuthorizationCode");
        var port = SiloTestHost.FreePort();
        var rpBase = $"http://127.0.0.1:{port}";
        var (clientId, secret) = await o.RegisterClientAsync("AuthorizationCode", [rpBase + "/signin-oidc"]);
        var rp = RelyingPartyApp.Create(["--urls", rpBase, $"--PushAuth:Authority={o.Issuer}", $"--PushAuth:ClientId={clientId}", $"--PushAuth:ClientSecret={secret}",
            "--Sample:AllowHttp=true"]);
        await rp.StartAsync();
        var (playwright, browser) = await SystemChromium.LaunchAsync();
        return new Harness { O = o, Rp = rp, RpBase = rpBase, Playwright = playwright, Browser = browser };
    }

    private static async Task<IPage> LogInAsync(Harness h, string user)
    {
        var page = await h.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync(h.RpBase + "/");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/oidc/", StringComparison.Ordinal));
        return page;
    }

    private async Task AxeAsync(IPage page, string name)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        foreach (var v in result.Violations)
        {
            output.WriteLine($"{name}: {v.Id} {v.Help} {string.Join(", ", v.Nodes.Select(n => string.Join(' ', n.Target)))}");
        }
        Assert.Empty(result.Violations);
        // 390 px: nothing scrolls sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways at 390 px");
    }

    private async Task<string> PageNumberAsync(IPage page)
    {
        await page.Locator("#number").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var number = await page.Locator("#number").InnerTextAsync();
        Assert.Matches("^[0-9]{2,6}$", number);
        return number;
    }

    private static async Task AnswerWithNumberAsync(DeviceClient phone, string number, bool approve = true, string? reason = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        DeviceChallenge? challenge;
        while ((challenge = (await phone.PullAsync()).FirstOrDefault()) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no challenge reached the phone");
            await Task.Delay(50);
        }
        using var answer = await phone.AnswerAsync(challenge, approve, approve ? number : null, reason);
        await DeviceClient.EnsureSuccessAsync(answer, CancellationToken.None);
    }

    private static async Task SignedInAsync(IPage page, Harness h, string user, string amr)
    {
        await page.WaitForURLAsync(h.RpBase + "/");
        Assert.Equal(user, await page.Locator("#sub").InnerTextAsync());
        Assert.Equal(amr, await page.Locator("#amr").InnerTextAsync());
    }

    [Fact]
    public async Task FirstTime_PairByPhrase_ThenApprove_SignedInAtTheRelyingParty()
    {
        await using var h = await StartAsync();
        var phone = await h.O.S.DeviceAsync();

        var page = await LogInAsync(h, "newbie");
        await page.Locator("#pair-title").WaitForAsync();
        await AxeAsync(page, "pair");
        await SystemChromium.ScreenshotAsync(page, "oidc-00-pair");
        var (pairingId, phrase) = await phone.RequestPairingPhraseAsync();
        await page.FillAsync("#phrase", phrase);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#pairing-title").WaitForAsync();
        using (var confirm = await phone.ConfirmPairingAsync(pairingId, accept: true))
        {
            await DeviceClient.EnsureSuccessAsync(confirm, CancellationToken.None);
        }
        var number = await PageNumberAsync(page);
        await AnswerWithNumberAsync(phone, number);

        await SignedInAsync(page, h, "newbie", "mfa swk user");
    }

    [Fact]
    public async Task Approve_NumberShownOnThePrompt_SignedInAtTheRelyingParty_AndThePromptCannotBeFramed()
    {
        await using var h = await StartAsync();
        var phone = await h.O.S.DeviceAsync();
        await h.O.S.PairAsync(phone, "alice");

        var page = await LogInAsync(h, "alice");
        var prompt = await page.GotoAsync(page.Url);
        var number = await PageNumberAsync(page);
        await AxeAsync(page, "push");
        await SystemChromium.ScreenshotAsync(page, "oidc-01-number");
        Assert.Contains("acme Inc", await page.Locator(".tenant").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", (await prompt!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await AnswerWithNumberAsync(phone, number);

        await SignedInAsync(page, h, "alice", "mfa swk user");
        Assert.Equal("urn:pushauth:acr:push-number-match", await page.Locator("#acr").InnerTextAsync());
    }

    [Fact]
    public async Task Denied_ThenTotpInstead_ByKeyboard_SignedInWithOtp()
    {
        await using var h = await StartAsync();
        var phone = await h.O.S.DeviceAsync();
        await h.O.S.PairAsync(phone, "carol");
        var seed = await h.O.S.EnrollTotpAsync("carol");

        var page = await LogInAsync(h, "carol");
        await PageNumberAsync(page);
        await AnswerWithNumberAsync(phone, "", approve: false, reason: "declined");
        await page.Locator("#outcome-title").WaitForAsync();
        Assert.Equal("Not verified", await page.Locator("#outcome-title").InnerTextAsync());
        await AxeAsync(page, "denied");
        await SystemChromium.ScreenshotAsync(page, "oidc-02-denied");
        await page.Locator("#use-code").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#code-input").WaitForAsync();
        await AxeAsync(page, "code");
        await page.Locator("#code-input").FocusAsync();
        await page.Keyboard.TypeAsync(Totp.ComputeCode(seed, DateTimeOffset.UtcNow));
        await page.Keyboard.PressAsync("Enter");

        await SignedInAsync(page, h, "carol", "otp");
    }
}
