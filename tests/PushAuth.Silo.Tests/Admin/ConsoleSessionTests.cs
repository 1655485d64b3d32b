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
        var seed = await s.EnrollTotpAsync("hal");
        await s.SetConsoleAdminsAsync(("hal", "ManageMfa"));
        var console = await s.ConsoleAsync("hal", seed, withCsrf: false);

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
    public async Task SignIn_Cookie_HttpOnlySameSiteStrict_AndSignOutEndsCopiedSessions()
    {
        await using var s = await Scenario.SqliteAsync();
        var seed = await s.EnrollTotpAsync("hal");
        await s.SetConsoleAdminsAsync(("hal", "Auditor"));
        var browser = s.ConsoleClient();

        using var signIn = await browser.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "hal", method = "totp", code = PushAuth.Security.Totp.ComputeCode(seed, DateTimeOffset.UtcNow) });
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        var cookie = setCookie.Split(';')[0];
        var session = await browser.GetFromJsonAsync<JsonElement>("/console/api/session");
        var copy = s.Client(0, null);
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        using var copiedBefore = await copy.GetAsync("/v1/admin/users/alice");
        using var signOutRequest = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-out");
        signOutRequest.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        using var signOut = await browser.SendAsync(signOutRequest);
        using var copiedAfter = await copy.GetAsync("/v1/admin/users/alice");

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain http on loopback
        Assert.Equal("Auditor", session.GetProperty("role").GetString());
        Assert.Equal(["ReadUsers", "ReadHistory"], session.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, copiedBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copiedAfter.StatusCode);
    }

    [Fact]
    public async Task SignIn_NotAnAdminWrongCodeOrUnknownTenant_SameFailure()
    {
        await using var s = await Scenario.SqliteAsync();
        var seed = await s.EnrollTotpAsync("hal");
        var mallorySeed = await s.EnrollTotpAsync("mallory");
        await s.SetConsoleAdminsAsync(("hal", "Admin"));
        var browser = s.ConsoleClient();

        using var notAdmin = await browser.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "mallory", method = "totp", code = PushAuth.Security.Totp.ComputeCode(mallorySeed, DateTimeOffset.UtcNow) });
        using var wrongCode = await browser.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "hal", method = "totp", code = "000000" });
        using var unknownTenant = await browser.PostAsJsonAsync("/console/api/sign-in", new { tenantId = "nope", userId = "hal", method = "totp", code = PushAuth.Security.Totp.ComputeCode(seed, DateTimeOffset.UtcNow) });
        using var badMethod = await browser.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "hal", method = "sms" });
        using var session = await browser.GetAsync("/console/api/session");

        foreach (var failed in new[] { notAdmin, wrongCode, unknownTenant })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            Assert.Equal("console.sign-in-failed", await failed.ProblemCodeAsync());
        }
        Assert.Equal("method.invalid", await badMethod.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
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
