using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PushAuth.Silo.Tests.Console;

/// <summary>The admin console end to end in a real browser (Debian's chromium through Playwright), passkeys through
/// Chromium's virtual authenticator.</summary>
public sealed partial class AdminConsoleBrowserTests
{
    [Fact]
    public async Task Console_SetupLinkPasskeyThenSignInAndRecoverAUser_EveryActionThroughThePage()
    {
        await using var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(extra: SystemChromium.DevelopmentSilo)]);
        var alicePhone = await s.DeviceAsync();
        await s.PairAsync(alicePhone, "alice");
        await s.EnrollTotpAsync("alice");
        var (playwright, browser) = await SystemChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = SystemChromium.LocalhostBase(s.Silos[0].BaseAddress) });
        await SystemChromium.VirtualAuthenticatorAsync(page);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);

        // The first Admin opens their one-time setup link, names themselves and creates a passkey: the token leaves the address bar.
        await page.GotoAsync(SystemChromium.OnSilo(await s.InviteAsync("Admin"), s.Silos[0].BaseAddress));
        await Expect(page.Locator("#setup-intro")).ToContainTextAsync("invited to administer acme");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Your name").FillAsync("Ada Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as Ada Lovelace (Admin)");
        await SystemChromium.ScreenshotAsync(page, "00-set-up");

        // Sign out, then back in with the passkey alone: the options name no one, the authenticator knows the admin.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Tenant")).ToBeVisibleAsync();
        await page.GetByLabel("Tenant").FillAsync(s.TenantId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as Ada Lovelace (Admin)");
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
        var enrolled = await s.AuditAsync("action=admin.enrolled", a => a.Count > 0);
        Assert.Equal("Admin", Assert.Single(enrolled).GetProperty("details").GetString()!.Split("role=")[1].Split(';')[0]);
        // Nothing broke the Content-Security-Policy (a violation is a console error).
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_KeyboardPasskeySignIn_LabelledControls_StaleAssertionAsksForPasskeyAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(extra: SystemChromium.DevelopmentSilo,
            configure: b => b.Services.AddSingleton<TimeProvider>(clock))]);
        await s.EnrollTotpAsync("alice");
        var (playwright, browser) = await SystemChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = SystemChromium.LocalhostBase(s.Silos[0].BaseAddress) });
        await SystemChromium.VirtualAuthenticatorAsync(page);
        await page.GotoAsync(SystemChromium.OnSilo(await s.InviteAsync("ManageMfa"), s.Silos[0].BaseAddress));
        await page.GetByLabel("Your name").FillAsync("Hal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as Hal (ManageMfa)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Tenant")).ToBeVisibleAsync();
        clock.Advance(TimeSpan.FromSeconds(1)); // a sign-out ends the sessions signed in until its instant, and this clock stands still

        // Every form control has a label; the whole sign-in works from the keyboard.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).length"));
        await page.GetByLabel("Tenant").FocusAsync();
        await page.Keyboard.TypeAsync(s.TenantId);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#session-text")).ToContainTextAsync("Signed in as Hal (ManageMfa)");
        await Expect(page.GetByLabel("User id", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("alice");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#methods-table tbody tr")).ToHaveCountAsync(1);

        // Six minutes later the last passkey assertion is too old for a temporary code: the page asks for the passkey
        // again (the virtual authenticator answers) and the code follows.
        clock.Advance(TimeSpan.FromMinutes(6));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" }).ClickAsync();
        await Expect(page.Locator("#new-code")).ToHaveTextAsync(EightDigits());
        await SystemChromium.ScreenshotAsync(page, "06-step-up");
        var steppedUp = await s.AuditAsync("action=admin.stepped-up", a => a.Count > 0);
        Assert.Single(steppedUp);
    }

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex EightDigits();
}
