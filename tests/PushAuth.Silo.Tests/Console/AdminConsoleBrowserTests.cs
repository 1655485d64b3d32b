using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PushAuth.Silo.Tests.Console;

/// <summary>
/// The admin console end to end in a real browser (Debian's chromium through Playwright), passkeys through Chromium's
/// virtual authenticator: the walkthrough of issue 15 (the first Admin from bootstrap's link, an invitation, a
/// ManageMfa helper, an Auditor who can only read, the last-Admin recovery), every page captured at 1280 and 390 px
/// and checked by axe-core.
/// </summary>
public sealed partial class AdminConsoleBrowserTests(ConsoleBrowser chromium) : IClassFixture<ConsoleBrowser>
{
    private const string PublicUrl = "https://mfa.example.com";

    [Fact]
    public async Task Walkthrough_BootstrapAdmin_InvitesHelperAndAuditor_HelperRecoversAUser_AuditorOnlyReads_LastAdminRecovered()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-console-" + Guid.NewGuid().ToString("N"));
        // The commands run as the browser's silo does, in Development (keys kept in storage): WebAuthn needs the silo on
        // localhost, and an IP-address public URL is no origin it accepts.
        string[] storage = ["--environment", "Development", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}", $"--PushAuth:Silo:PublicUrl={PublicUrl}"];
        using var bootstrap = new StringWriter();
        Assert.Equal(0, await TenantBootstrap.RunAsync([TenantBootstrap.Command, "--tenant", "acme", "--name", "Acme Corp", .. storage], bootstrap));
        var firstLink = SetupLink(bootstrap.ToString());

        var silo = await SiloTestHost.StartSqliteAsync(dir, SystemChromium.DevelopmentSilo);
        string adaId;
        await using (silo)
        {
            var s = Scenario.Existing(silo, "acme", Key(bootstrap.ToString(), "Admin"), Key(bootstrap.ToString(), "LoginService"));
            var (alicePhone, challengeId) = await SeedAsync(s);

            // The first Admin opens the link bootstrap-tenant printed, names herself and creates a passkey.
            var (ada, adaErrors) = await chromium.NewPageAsync(silo.BaseAddress);
            await ada.GotoAsync(SystemChromium.OnSilo(firstLink, silo.BaseAddress));
            await Expect(ada.Locator("#setup-intro")).ToContainTextAsync("invited to administer acme");
            Assert.DoesNotContain("token", ada.Url, StringComparison.Ordinal);
            await ConsoleBrowser.CaptureAsync(ada, "00-setup");
            await ada.GetByLabel("Your name").FillAsync("Ada Lovelace");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Expect(ada.Locator("#notice")).ToContainTextAsync("Welcome: you administer acme with the Admin role.");
            adaId = (await ada.EvaluateAsync<JsonElement>("() => fetch('/console/api/session').then(r => r.json())")).GetProperty("adminId").GetString()!;

            // Dashboard: the counts of the seeded sign-ins, as charts.
            await Expect(ada.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
            await Expect(ada.Locator(".tile", new() { HasText = "Approvals" }).Locator(".tile-value")).ToHaveTextAsync("2");
            await Expect(ada.Locator(".tile", new() { HasText = "Fraud reports" }).Locator(".tile-value")).ToHaveTextAsync("1");
            await Expect(ada.Locator("svg.chart")).ToHaveCountAsync(5);
            await ConsoleBrowser.CaptureAsync(ada, "01-dashboard");

            // Users: search, paging, a wrong id.
            await Nav(ada, "Users");
            await Expect(ada.Locator("tbody tr")).ToHaveCountAsync(25);
            await ConsoleBrowser.CaptureAsync(ada, "02-users");
            await ada.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
            await Expect(ada.Locator("tbody tr")).ToHaveCountAsync(8);
            await ada.GetByLabel("Search by user id").FillAsync("al");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(ada.Locator("tbody tr")).ToHaveCountAsync(1);
            await ada.GetByLabel("Open a user by exact id").FillAsync("nobody-here");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Expect(ada.GetByRole(AriaRole.Heading, new() { Name = "No such user" })).ToBeVisibleAsync();
            await ConsoleBrowser.CaptureAsync(ada, "03-no-such-user");

            // A user's page: phone (platform, last source), TOTP, code state, backups, rules, activity.
            await ada.GotoAsync("/console#/users/alice");
            await Expect(Card(ada, "Phones").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(Card(ada, "Phones")).ToContainTextAsync("Android");
            await Expect(Card(ada, "Phones")).ToContainTextAsync("127.0.0.1");
            await Expect(Card(ada, "Authenticator codes").Locator("tbody tr")).ToHaveCountAsync(1);
            await ConsoleBrowser.CaptureAsync(ada, "04-user");

            // History: filters, the chain check, an export.
            await Nav(ada, "History");
            await ada.GetByLabel("User id").FillAsync("alice");
            await ada.GetByLabel("Status").FillAsync("approved");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(ada.Locator("tbody tr")).ToHaveCountAsync(2);
            await ada.GetByRole(AriaRole.Button, new() { Name = "Check the chain" }).ClickAsync();
            await Expect(ada.Locator(".result-ok")).ToContainTextAsync("Intact");
            var csv = await ada.Context.APIRequest.GetAsync((await ada.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href"))!);
            Assert.Equal(200, csv.Status);
            Assert.Equal(3, (await csv.TextAsync()).Trim().Split('\n').Length); // the header and alice's two approvals
            await ConsoleBrowser.CaptureAsync(ada, "05-history");

            // API keys: issue (shown once), then revoke.
            await Nav(ada, "API keys");
            await ada.GetByLabel("Name").FillAsync("Mail login service");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
            var key = await ada.Locator(".secret").TextContentAsync();
            Assert.StartsWith("pak_", key, StringComparison.Ordinal);
            await ConsoleBrowser.CaptureAsync(ada, "06-api-keys");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Revoke key Mail login service" }).ClickAsync();
            await ada.GetByRole(AriaRole.Button, new() { Name = "Revoke key", Exact = true }).ClickAsync();
            await Expect(ada.Locator("#notice")).ToContainTextAsync("revoked");
            using (var revoked = s.Client(0, key))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/v1/users/alice/methods")).StatusCode);
            }

            // Settings: the field the server refuses is marked; then saved; the webhook secret rotated.
            await Nav(ada, "Settings");
            await ada.GetByLabel("Pushes per user per minute").FillAsync("99");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            var pushRate = ada.GetByLabel("Pushes per user per minute");
            await Expect(pushRate).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(ada.Locator(".field", new() { Has = pushRate }).Locator(".field-error")).ToContainTextAsync("1..60");
            await ConsoleBrowser.CaptureAsync(ada, "07-settings-invalid");
            await pushRate.FillAsync("6");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(ada.Locator("#notice")).ToHaveTextAsync("Settings saved.");
            Assert.Equal(6, (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings")).GetProperty("pushesPerUserPerMinute").GetInt32());
            await ada.GetByRole(AriaRole.Button, new() { Name = "Rotate webhook secret" }).ClickAsync();
            await ada.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
            await Expect(ada.Locator(".secret")).Not.ToBeEmptyAsync();
            await ConsoleBrowser.CaptureAsync(ada, "08-settings");

            // Own passkeys.
            await Nav(ada, "My passkeys");
            await Expect(ada.Locator("tbody tr")).ToHaveCountAsync(1);
            await ConsoleBrowser.CaptureAsync(ada, "09-passkeys");

            // Admins: invite a ManageMfa helper and an Auditor.
            await Nav(ada, "Admins");
            var helperLink = await InviteAsync(ada, "ManageMfa");
            await ConsoleBrowser.CaptureAsync(ada, "10-admins");
            var auditorLink = await InviteAsync(ada, "Auditor");

            // The helper sets up on the invitation and works a ticket: alice's phone was stolen.
            var (hal, halErrors) = await chromium.NewPageAsync(silo.BaseAddress);
            await hal.GotoAsync(SystemChromium.OnSilo(helperLink, silo.BaseAddress));
            await hal.GetByLabel("Your name").FillAsync("Hal");
            await hal.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Expect(hal.Locator("#notice")).ToContainTextAsync("with the ManageMfa role");
            await Expect(hal.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
            await Expect(hal.GetByRole(AriaRole.Link, new() { Name = "Admins" })).ToHaveCountAsync(0);
            await Expect(hal.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
            await Nav(hal, "Users");
            await hal.GetByLabel("Search by user id").FillAsync("ali");
            await hal.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await hal.GetByRole(AriaRole.Link, new() { Name = "alice", Exact = true }).ClickAsync();
            await Expect(hal.Locator("h1")).ToContainTextAsync("alice");

            // A temporary code, shown once, accepted by the login service.
            await hal.GetByLabel("Valid for (hours, 1 to 24)").FillAsync("4");
            await hal.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" }).ClickAsync();
            await Expect(hal.Locator(".secret")).ToHaveTextAsync(EightDigits());
            var code = await hal.Locator(".secret").TextContentAsync();
            await Expect(Card(hal, "Temporary code").Locator(".badge").First).ToHaveTextAsync("Active");
            await ConsoleBrowser.CaptureAsync(hal, "11-temporary-code");
            using (var verify = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code }))
            {
                Assert.True((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
            }

            // A QR pairing offer for the new phone; opening another user shows nothing of alice's (reproduction 6).
            await hal.GetByRole(AriaRole.Button, new() { Name = "Create QR pairing offer" }).ClickAsync();
            var qr = hal.GetByRole(AriaRole.Img, new() { Name = "QR code pairing a new phone to alice" });
            await Expect(qr).ToBeVisibleAsync();
            Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
            await ConsoleBrowser.CaptureAsync(hal, "12-pairing-offer");
            await hal.GotoAsync("/console#/users/bob");
            await Expect(hal.Locator("h1")).ToContainTextAsync("bob");
            await Expect(hal.Locator("img")).ToHaveCountAsync(0);
            await Expect(hal.Locator(".secret")).ToHaveCountAsync(0);
            await Expect(hal.GetByText("alice")).ToHaveCountAsync(0);

            // Disconnect alice's stolen phone: a reason, a confirmation; its pending challenge ends.
            await hal.GotoAsync("/console#/users/alice");
            await hal.GetByRole(AriaRole.Button, new() { Name = "Disconnect Test phone" }).ClickAsync();
            var dialog = hal.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Stolen").CheckAsync();
            await ConsoleBrowser.CaptureAsync(hal, "13-disconnect-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
            await Expect(hal.Locator("#notice")).ToContainTextAsync("Disconnected Test phone (stolen)");
            await Expect(Card(hal, "Phones")).ToContainTextAsync("No phone is paired");
            Assert.Equal("Cancelled", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}")).GetProperty("status").GetString());
            var disconnected = await s.AuditAsync("action=method.disconnected", a => a.Count > 0);
            Assert.Contains("reason=stolen", Assert.Single(disconnected).GetProperty("details").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("console:", Assert.Single(disconnected).GetProperty("actor").GetString(), StringComparison.Ordinal);
            _ = alicePhone;

            // Revoke all of carol's methods after a theft: a confirmation, then the activity since her last good sign-in.
            await hal.GotoAsync("/console#/users/carol");
            await Expect(Card(hal, "Phones").Locator("tbody tr")).ToHaveCountAsync(1);
            await hal.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync("stolen");
            await hal.GetByLabel("I understand every method of carol is revoked").CheckAsync();
            await hal.GetByRole(AriaRole.Button, new() { Name = "Revoke all" }).ClickAsync();
            await Expect(hal.Locator("#revoke-summary")).ToContainTextAsync("Revoked 1 method(s)");
            await Expect(Card(hal, "Phones")).ToContainTextAsync("No phone is paired");
            await Expect(hal.Locator(".status-line")).ToContainTextAsync("Methods revoked");
            await ConsoleBrowser.CaptureAsync(hal, "14-revoked");

            // The Auditor can only read: no controls, and the API refuses what the page does not offer.
            var (auditor, auditorErrors) = await chromium.NewPageAsync(silo.BaseAddress);
            await auditor.GotoAsync(SystemChromium.OnSilo(auditorLink, silo.BaseAddress));
            await auditor.GetByLabel("Your name").FillAsync("Audrey");
            await auditor.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Expect(auditor.Locator("#notice")).ToContainTextAsync("with the Auditor role");
            await auditor.GotoAsync("/console#/users/bob");
            await Expect(Card(auditor, "Authenticator codes").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(auditor.GetByRole(AriaRole.Button, new() { Name = "Disconnect" })).ToHaveCountAsync(0);
            await Expect(auditor.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" })).ToHaveCountAsync(0);
            await Expect(auditor.GetByRole(AriaRole.Button, new() { Name = "Revoke all" })).ToHaveCountAsync(0);
            await Expect(auditor.GetByRole(AriaRole.Button, new() { Name = "Create QR pairing offer" })).ToHaveCountAsync(0);
            await ConsoleBrowser.CaptureAsync(auditor, "15-auditor-user");
            await auditor.GotoAsync("/console#/api-keys");
            await Expect(auditor.Locator(".empty")).ToContainTextAsync("does not include this page");
            var refused = await auditor.EvaluateAsync<JsonElement>("""
                async () => {
                  const s = await fetch('/console/api/session').then(r => r.json());
                  const r = await fetch('/v1/admin/users/bob/temporary-codes', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken }, body: JSON.stringify({ validityHours: 2 }) });
                  return { status: r.status, body: await r.json() };
                }
                """);
            Assert.Equal(403, refused.GetProperty("status").GetInt32());
            Assert.Equal("auth.permission", refused.GetProperty("body").GetProperty("code").GetString());

            // Nothing broke the Content-Security-Policy (a violation is a console error); 4xx answers the pages handled are fine.
            Assert.DoesNotContain(adaErrors.Concat(halErrors).Concat(auditorErrors), e => !e.Contains("status of 4", StringComparison.Ordinal));
        }

        // The last Admin lost her passkey: the operator runs recover-admin, and the new link makes a new Admin.
        using var recover = new StringWriter();
        Assert.Equal(0, await RecoverAdminCommand.RunAsync([RecoverAdminCommand.Command, "--tenant", "acme", "--name", "Ada Lovelace (ticket 4711)", .. storage], recover));
        await using var again = await SiloTestHost.StartSqliteAsync(dir, SystemChromium.DevelopmentSilo);
        var (recovered, _) = await chromium.NewPageAsync(again.BaseAddress);
        await recovered.GotoAsync(SystemChromium.OnSilo(SetupLink(recover.ToString()), again.BaseAddress));
        await recovered.GetByLabel("Your name").FillAsync("Ada (new laptop)");
        await recovered.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        await Expect(recovered.Locator("#notice")).ToContainTextAsync("with the Admin role");
        await Nav(recovered, "Admins");
        await Expect(recovered.GetByRole(AriaRole.Cell, new() { Name = "Ada Lovelace", Exact = true })).ToBeVisibleAsync();
        await recovered.GetByRole(AriaRole.Button, new() { Name = "Remove Ada Lovelace" }).ClickAsync();
        await recovered.GetByRole(AriaRole.Button, new() { Name = "Remove admin" }).ClickAsync();
        await Expect(recovered.GetByRole(AriaRole.Cell, new() { Name = "Ada Lovelace", Exact = true })).ToHaveCountAsync(0);
        await ConsoleBrowser.CaptureAsync(recovered, "16-recovered-admins");
        Assert.NotEmpty(adaId);
    }

    [Fact]
    public async Task SignIn_ByKeyboardWithAPasskey_StalePasskeyConfirmationAskedAgainTransparently()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(extra: SystemChromium.DevelopmentSilo,
            configure: b => b.Services.AddSingleton<TimeProvider>(clock))]);
        await s.EnrollTotpAsync("alice");
        var (page, errors) = await chromium.NewPageAsync(s.Silos[0].BaseAddress);
        await page.GotoAsync(SystemChromium.OnSilo(await s.InviteAsync("ManageMfa"), s.Silos[0].BaseAddress));
        await page.GetByLabel("Your name").FillAsync("Hal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Hal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Tenant")).ToBeVisibleAsync();
        await ConsoleBrowser.CaptureAsync(page, "17-sign-in");
        clock.Advance(TimeSpan.FromSeconds(1)); // a sign-out ends the sessions signed in until its instant, and this clock stands still

        // Every form control has a label; the whole sign-in works from the keyboard.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input, select, textarea')].filter(e => e.labels.length === 0).length"));
        await page.GetByLabel("Tenant").FillAsync("");
        await page.GetByLabel("Tenant").FocusAsync();
        await page.Keyboard.TypeAsync(s.TenantId);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Hal");
        await page.GotoAsync("/console#/users/alice");
        await Expect(Card(page, "Authenticator codes").Locator("tbody tr")).ToHaveCountAsync(1);

        // Six minutes later the last passkey assertion is too old for a temporary code: the page asks for the passkey
        // again (the virtual authenticator answers) and the code follows.
        clock.Advance(TimeSpan.FromMinutes(6));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate temporary code" }).ClickAsync();
        await Expect(page.Locator(".secret")).ToHaveTextAsync(EightDigits());
        var steppedUp = await s.AuditAsync("action=admin.stepped-up", a => a.Count > 0);
        Assert.Single(steppedUp);
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    /// <summary>Users for the list (33: two pages of 25), alice with a phone (two approvals, a pending challenge), a
    /// denial and a fraud report from carol's phone, bob with a TOTP credential. Returns alice's phone and her pending challenge.</summary>
    private static async Task<(DeviceClient Phone, string PendingChallenge)> SeedAsync(Scenario s)
    {
        for (var i = 0; i < 30; i++)
        {
            await s.EnrollTotpAsync($"user-{i:D2}");
        }
        await s.EnrollTotpAsync("bob");
        var alicePhone = await s.DeviceAsync();
        await s.PairAsync(alicePhone, "alice");
        await s.EnrollTotpAsync("alice");
        for (var i = 0; i < 2; i++)
        {
            var created = await s.CreateChallengeAsync("alice");
            using var approved = await alicePhone.AnswerAsync(Assert.Single(await alicePhone.PullAsync()), approve: true, created.GetProperty("numberMatch").GetString());
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        var carolPhone = await s.DeviceAsync();
        await s.PairAsync(carolPhone, "carol");
        foreach (var reason in new[] { "Declined", "Fraud" })
        {
            await s.CreateChallengeAsync("carol");
            using var denied = await carolPhone.AnswerAsync(Assert.Single(await carolPhone.PullAsync()), approve: false, reason: reason);
            Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        }
        var pending = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString()!;
        await s.AuditAsync("action=challenge.answered", a => a.Count == 4);
        return (alicePhone, pending);
    }

    /// <summary>A titled card of a page (a region named by its heading).</summary>
    private static ILocator Card(IPage page, string title) => page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });

    private static async Task Nav(IPage page, string name)
    {
        if (await page.Locator("#menu-toggle").IsVisibleAsync())
        {
            await page.Locator("#menu-toggle").ClickAsync();
        }
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }

    private static async Task<string> InviteAsync(IPage page, string role)
    {
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await Expect(page.Locator(".result h2")).ToContainTextAsync(role);
        return (await page.Locator(".secret").TextContentAsync())!;
    }

    private static string SetupLink(string output) => output.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("#setup&", StringComparison.Ordinal));

    private static string Key(string output, string role) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(role + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex EightDigits();
}
