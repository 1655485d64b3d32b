using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The console's sign-in, cookie, CSRF token and sign-out, over HTTP.</summary>
public sealed class ConsoleSessionTests
{
    [Fact]
    public async Task ConsoleRequest_MissingOrWrongCsrfToken_403AndNothingChanges()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var console = await s.ConsoleAsync("ManageMfa", withCsrf: false);

        using var missing = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/users/alice/temporary-codes") { Content = JsonContent.Create(new { validityHours = 1 }) };
        wrongRequest.Headers.Add("X-CSRF-Token", "not-the-token");
        using var wrong = await console.SendAsync(wrongRequest);
        using var read = await console.GetAsync("/v1/admin/users/alice");

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("console.csrf-missing", await missing.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("console.csrf-invalid", await wrong.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codesIssuedInLastHour").GetInt32());
    }

    [Fact]
    public async Task PasskeySignIn_Cookie_HttpOnlySameSiteStrict_AndSignOutEndsCopiedSessions()
    {
        await using var s = await Scenario.SqliteAsync();
        var hal = await s.ConsoleAdminAsync("Auditor");
        var browser = s.ConsoleClient();

        using var signIn = await browser.SignInAsync(s.TenantId, hal.Authenticator);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pushauth-console=", StringComparison.Ordinal));
        var cookie = setCookie.Split(';')[0];
        var session = await browser.GetFromJsonAsync<JsonElement>("/console/api/session");
        var copy = s.Client(0, null);
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        using var copiedBefore = await copy.GetAsync("/v1/admin/users/alice");
        using var signOutRequest = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-out");
        signOutRequest.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        using var signOut = await browser.SendAsync(signOutRequest);
        using var copiedAfter = await copy.GetAsync("/v1/admin/users/alice");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain http on loopback
        Assert.Equal("Auditor", session.GetProperty("role").GetString());
        Assert.Equal(hal.AdminId, session.GetProperty("adminId").GetString());
        Assert.Equal("Auditor admin", session.GetProperty("displayName").GetString());
        Assert.Equal(["ReadUsers", "ReadHistory"], session.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, copiedBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copiedAfter.StatusCode);
        var audit = await s.AuditAsync("action=admin.signed-in", a => a.Count > 0);
        Assert.Equal(hal.Actor, Assert.Single(audit).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task PasskeySignIn_UnknownTenantUnknownPasskeyWrongSignatureNoUserVerification_SameFailure()
    {
        await using var s = await Scenario.SqliteAsync();
        var ada = await s.ConsoleAdminAsync("Admin");
        using var stranger = new SoftwareAuthenticator();
        var strangerBrowser = s.ConsoleClient();
        using (var other = await strangerBrowser.SetUpAsync(await (await s.OtherTenantAsync("globex")).InviteAsync("Admin"), stranger, "Stranger"))
        {
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        // Ada's passkey against a tenant that does not exist; a passkey of another tenant; Ada's without user verification;
        // Ada's with a tampered signature.
        using var unknownTenant = await s.ConsoleClient().SignInAsync("nope", ada.Authenticator);
        using var unknownPasskey = await s.ConsoleClient().SignInAsync(s.TenantId, stranger);
        ada.Authenticator.UserVerified = false;
        using var notVerified = await s.ConsoleClient().SignInAsync(s.TenantId, ada.Authenticator);
        ada.Authenticator.UserVerified = true;
        var tampering = s.ConsoleClient();
        using var options = await tampering.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId });
        var credential = ada.Authenticator.Get((await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey"), AdminScenario.Origin(tampering));
        var signature = credential["response"]!["signature"]!.GetValue<string>();
        credential["response"]!["signature"] = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        using var wrongSignature = await tampering.PostAsJsonAsync("/console/api/sign-in", new { credential });
        using var fine = await s.ConsoleClient().SignInAsync(s.TenantId, ada.Authenticator);

        foreach (var failed in new[] { unknownTenant, unknownPasskey, notVerified, wrongSignature })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            Assert.Equal("console.sign-in-failed", await failed.ProblemCodeAsync());
            Assert.False(failed.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pushauth-console=", StringComparison.Ordinal)));
        }
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        var failures = await s.AuditAsync("action=admin.sign-in", a => a.Count >= 3);
        Assert.All(failures, e => Assert.Equal("failed", e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task ConsolePage_StrictCspAndNoExternalOrigins()
    {
        await using var s = await Scenario.SqliteAsync();
        var client = s.Client(0, null);

        using var page = await client.GetAsync("/console");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await client.GetAsync("/console/console.js");
        using var missing = await client.GetAsync("/console/nope.js");

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
