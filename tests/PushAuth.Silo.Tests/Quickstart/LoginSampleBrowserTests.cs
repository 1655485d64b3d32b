using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PushAuth.DeviceSimulator;
using PushAuth.Samples.LoginPage;
using PushAuth.Silo.Tests.Console;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PushAuth.Silo.Tests.Quickstart;

/// <summary>
/// samples/PushAuth.Samples.LoginPage end to end (issue 12 item 22): a real silo, the sample app holding the key, Debian's
/// chromium as the user's browser and <see cref="DeviceClient"/> as the phone, following the Account Manager seed: log in,
/// type the pairing phrase, accept on the phone, OK, type the number shown, signed in.
/// </summary>
public sealed class LoginSampleBrowserTests
{
    private static string Artifacts
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PUSHAUTH_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "artifacts");
            return Directory.CreateDirectory(Path.Combine(root, "login-sample")).FullName;
        }
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    private static async Task<(WebApplication App, Uri Address)> StartSampleAsync(Scenario s)
    {
        var key = s.Login.DefaultRequestHeaders.Authorization!.Parameter!;
        var app = LoginSampleApp.Create(["--urls", "http://127.0.0.1:0", $"--Sample:Server={s.Silos[0].BaseAddress}", $"--Sample:ApiKey={key}"],
            b => b.Logging.ClearProviders());
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>A silo, the sample app holding its key, a registered phone, and chromium on the sample's address.</summary>
    private sealed class SampleRun : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private IPlaywright? _playwright;

        public required Scenario Scenario { get; init; }

        public required DeviceClient Phone { get; init; }

        public required IPage Page { get; init; }

        public static async Task<SampleRun> StartAsync()
        {
            var s = await Scenario.SqliteAsync();
            var (sample, address) = await StartSampleAsync(s);
            var (playwright, browser) = await SystemChromium.LaunchAsync();
            var run = new SampleRun
            {
                Scenario = s,
                Phone = await s.DeviceAsync(),
                Page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString() }),
            };
            run._owned.AddRange([browser, sample, s]);
            run._playwright = playwright;
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync();
            }
            _playwright?.Dispose();
        }
    }

    [Fact]
    public async Task LoginPage_PairByPhraseThenApproveWithTheNumber_SignsIn_AndADeniedPushSaysSo()
    {
        await using var run = await SampleRun.StartAsync();
        var (s, phone, page) = (run.Scenario, run.Phone, run.Page);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);

        // 1. Log in: a user without an authenticator gets the PAIR A DEVICE page.
        var served = await page.GotoAsync("/");
        Assert.Contains("script-src 'self'", served!.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("Wrong user name or password");
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pair a device" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "01-pair-a-device");

        // 2. The phone shows a phrase; the user types it and clicks CONNECT DEVICE.
        var (pairingId, phrase) = await phone.RequestPairingPhraseAsync();
        await page.GetByLabel("Pairing phrase").FillAsync(phrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect device" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your phone" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "02-check-your-phone");

        // 3. The phone is asked, shows who asks, and accepts: DEVICE PAIRING SUCCESSFUL.
        var request = await phone.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(20));
        Assert.NotNull(request);
        Assert.Equal("Acme Login", request.ServiceName);
        Assert.Equal("alice", request.UserId);
        (await phone.ConfirmPairingAsync(pairingId, accept: true)).EnsureSuccessStatusCode();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Device pairing successful" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "03-pairing-successful");

        // 4. OK sends the first approval request; the page shows the number to type on the phone.
        await page.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(page.Locator("#number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{2}$"));
        var number = (await page.Locator("#number").TextContentAsync())!;
        // The step takes the focus to its heading, and the number is announced as one number.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approve the sign-in on your phone" })).ToBeFocusedAsync();
        await Expect(page.Locator("#announce")).ToHaveTextAsync($"Type {number} in the authenticator app.");
        Assert.Equal(number, await page.Locator("#number").InnerTextAsync());
        await ScreenshotAsync(page, "04-type-the-number");
        var challenge = Assert.Single(await phone.PullAsync());
        Assert.True(challenge.NumberMatchRequired);
        Assert.Equal("Acme Login", challenge.Context.GetProperty("service").GetString());
        Assert.Equal("Chrome", challenge.Context.GetProperty("browser").GetString());
        (await phone.AnswerAsync(challenge, approve: true, number: number)).EnsureSuccessStatusCode();

        // 5. The outcome.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signed in" })).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in")).ToContainTextAsync("Welcome, alice");
        await ScreenshotAsync(page, "05-signed-in");

        // A second sign-in goes straight to the push (alice has a phone now); a denial is shown as one.
        await page.Locator("#signed-in").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("#number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{2}$"));
        var second = Assert.Single(await phone.PullAsync());
        (await phone.AnswerAsync(second, approve: false, reason: "declined")).EnsureSuccessStatusCode();
        await Expect(page.Locator("#message")).ToContainTextAsync("denied on the phone");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not signed in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "06-denied");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task LoginPage_LongPollFails_BacksOffAndRecoversWhenTheServerAnswersAgain()
    {
        await using var run = await SampleRun.StartAsync();
        var (phone, page) = (run.Phone, run.Page);
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync("carol");
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pair a device" })).ToBeFocusedAsync();

        // The sample's server fails every wait (as a restarting server would): the page must back off, not loop.
        var failed = 0;
        await page.RouteAsync("**/api/pair/wait", async route =>
        {
            Interlocked.Increment(ref failed);
            await route.FulfillAsync(new() { Status = 503, ContentType = "application/json", Body = "{}" });
        });
        var (pairingId, phrase) = await phone.RequestPairingPhraseAsync();
        await page.GetByLabel("Pairing phrase").FillAsync(phrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect device" }).ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("Retrying in");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var inThreeSeconds = Volatile.Read(ref failed);

        // 1 s, 2 s, 4 s … halved at most by jitter: at most 4 tries in 3 s (the loop it replaces made 264).
        Assert.InRange(inThreeSeconds, 1, 4);
        await page.UnrouteAsync("**/api/pair/wait");
        Assert.NotNull(await phone.WaitForPairingRequestAsync(pairingId, TimeSpan.FromSeconds(20)));
        (await phone.ConfirmPairingAsync(pairingId, accept: true)).EnsureSuccessStatusCode();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Device pairing successful" })).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Device pairing successful" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task LoginPage_KeyStaysOnTheServer_UnknownPhraseIsExplained()
    {
        await using var s = await Scenario.SqliteAsync();
        var (sample, address) = await StartSampleAsync(s);
        await using var _ = sample;
        var key = s.Login.DefaultRequestHeaders.Authorization!.Parameter!;
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = address };

        var page = await http.GetStringAsync("/");
        var script = await http.GetStringAsync("/login.js");
        using var login = await http.PostAsJsonAsync("/api/login", new { username = "bob", password = "demo" });
        var afterLogin = await login.Content.ReadAsStringAsync();
        using var pair = await http.PostAsJsonAsync("/api/pair", new { phrase = "not a real phrase" });
        var view = await pair.Content.ReadFromJsonAsync<JsonElement>();

        Assert.DoesNotContain(key, page + script + afterLogin + view, StringComparison.Ordinal);
        Assert.DoesNotContain("pak_", page + script + afterLogin + view.ToString(), StringComparison.Ordinal);
        Assert.Contains("Set-Cookie", login.Headers.Select(h => h.Key));
        Assert.Contains("samesite=strict", string.Join(";", login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", string.Join(";", login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Pair", view.GetProperty("stage").GetString());
        Assert.Contains("unknown or has expired", view.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
