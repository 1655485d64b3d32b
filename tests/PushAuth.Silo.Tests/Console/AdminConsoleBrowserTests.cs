using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using PushAuth.Security;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PushAuth.Silo.Tests.Console;

/// <summary>The admin console end to end in a real browser (Debian's chromium through Playwright).</summary>
public sealed partial class AdminConsoleBrowserTests
{
    [Fact]
    public async Task Console_PushSignInThenRecoverAUser_EveryActionThroughThePage()
    {
        await using var s = await Scenario.SqliteAsync();
        var adminPhone = await s.DeviceAsync();
        await s.PairAsync(adminPhone, "ada");
        await s.SetConsoleAdminsAsync(("ada", "Admin"));
        var alicePhone = await s.DeviceAsync();
        await s.PairAsync(alicePhone, "alice");
        await s.EnrollTotpAsync("alice");
        var (playwright, browser) = await SystemChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = s.Silos[0].BaseAddress.ToString() });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);

        // Sign in with a push approval on the admin's own phone, typing the number the page shows.
        await page.GotoAsync("/console");
        await page.GetByLabel("Tenant").FillAsync(s.TenantId);
        await page.GetByLabel("Your user id").FillAsync("ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#number-match")).ToBeVisibleAsync();
        var number = Digits().Match(await page.Locator("#number-match").TextContentAsync() ?? "").Value;
        var challenge = Assert.Single(await adminPhone.PullAsync());
        Assert.Equal("Admin console", challenge.Context.GetProperty("service").GetString());
        (await adminPhone.AnswerAsync(challenge, approve: true, number: number)).EnsureSuccessStatusCode();
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as ada (Admin)");
        await SystemChromium.ScreenshotAsync(page, "01-signed-in");

        // Find the user: methods and recent activity.
        await page.GetByLabel("User id", new() { Exact = true }).FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var methods = page.Locator("#methods-table tbody tr");
        await Expect(methods).ToHaveCountAsync(2);
        await Expect(page.Locator("#activity-table tbody tr").First).ToBeVisibleAsync();
        await SystemChromium.ScreenshotAsync(page, "02-user");

        // A temporary code, shown once, accepted by the login service.
        await page.GetByLabel("Valid for (hours, 1 to 24)").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" }).ClickAsync();
        await Expect(page.Locator("#new-code")).ToHaveTextAsync(EightDigits());
        var code = await page.Locator("#new-code").TextContentAsync();
        await Expect(page.Locator("#code-status")).ToContainTextAsync("Active code");
        await SystemChromium.ScreenshotAsync(page, "03-temporary-code");
        using (var verify = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code }))
        {
            Assert.True((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        }

        // A QR pairing offer for the new phone, rendered by the silo.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show QR pairing offer" }).ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of the pairing offer" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.StartsWith("data:image/png;base64,", await qr.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        await SystemChromium.ScreenshotAsync(page, "04-pairing-offer");

        // Opening another user shows nothing of the last one: no QR, no code shown once (issue 15, reproduction 6).
        await page.GetByLabel("User id", new() { Exact = true }).FillAsync("bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("#user-title")).ToHaveTextAsync("User bob");
        await Expect(qr).ToBeHiddenAsync();
        Assert.Null(await page.Locator("#qr-image").GetAttributeAsync("src"));
        await Expect(page.Locator("#new-code")).ToHaveTextAsync("");
        await Expect(page.Locator("#revoke-result")).ToBeHiddenAsync();
        await page.GetByLabel("User id", new() { Exact = true }).FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("#user-title")).ToHaveTextAsync("User alice");
        await Expect(qr).ToBeHiddenAsync();

        // Disconnect the TOTP method, then revoke everything as stolen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect Authenticator code" }).ClickAsync();
        await Expect(methods).ToHaveCountAsync(1);
        await page.GetByLabel("Reason").SelectOptionAsync("stolen");
        await page.GetByLabel("I understand every method of this user is revoked").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke all" }).ClickAsync();
        await Expect(page.Locator("#revoke-summary")).ToContainTextAsync("Revoked 1 method(s)");
        await Expect(methods).ToHaveCountAsync(0);
        await Expect(page.Locator("#user-status")).ToContainTextAsync("Push revoked");
        await Expect(page.Locator("#since-table tbody tr").First).ToBeVisibleAsync();
        await SystemChromium.ScreenshotAsync(page, "05-revoked");

        // The revocation result belongs to alice: another user's page starts empty.
        await page.GetByLabel("User id", new() { Exact = true }).FillAsync("bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("#user-title")).ToHaveTextAsync("User bob");
        await Expect(page.Locator("#revoke-result")).ToBeHiddenAsync();
        await Expect(page.Locator("#revoke-summary")).ToHaveTextAsync("");

        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
        // Nothing broke the Content-Security-Policy (a violation is a console error).
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_KeyboardTotpSignIn_LabelledControls_StaleSignInAsksToSignInAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var seed = await s.EnrollTotpAsync("hal");
        await s.SetConsoleAdminsAsync(("hal", "ManageMfa"));
        await s.EnrollTotpAsync("alice");
        var (playwright, browser) = await SystemChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = s.Silos[0].BaseAddress.ToString() });
        await page.GotoAsync("/console");

        // Every form control has a label; the whole sign-in works from the keyboard.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).length"));
        await page.GetByLabel("Tenant").FocusAsync();
        await page.Keyboard.TypeAsync(s.TenantId);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("hal");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByLabel("Authenticator code", new() { Exact = true })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Totp.ComputeCode(seed, clock.GetUtcNow()));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as hal (ManageMfa)");
        await Expect(page.GetByLabel("User id", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("alice");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#methods-table tbody tr")).ToHaveCountAsync(1);

        // Six minutes later the sign-in is too old for a temporary code.
        clock.Advance(TimeSpan.FromMinutes(6));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("sign in again");
        await Expect(page.Locator("#new-code")).ToHaveTextAsync("");
        await SystemChromium.ScreenshotAsync(page, "06-stale-sign-in");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex EightDigits();
}
