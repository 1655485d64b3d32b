using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PushAuth.Oidc.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Prompt;

/// <summary>The prompt carries the tenant's name, logo and colour (set in the tenant's settings through the admin API),
/// under the strict CSP: the logo is an https image, the colour a stylesheet of our own, nothing inline.</summary>
public sealed class PromptBrandingTests
{
    [Fact]
    public async Task Page_TenantNameLogoAndColour_FromTheAdminSettings_UnderTheStrictCsp()
    {
        await using var o = await OidcScenario.StartAsync();
        var settings = JsonNode.Parse(await o.S.Admin.GetStringAsync("/v1/admin/settings"))!.AsObject();
        settings["displayName"] = "Acme <Corp>";
        settings["branding"] = new JsonObject { ["logoUrl"] = "https://cdn.acme.example/logo.svg", ["accentColor"] = "#0b5cad" };
        using (var put = await o.S.Admin.PutAsJsonAsync("/v1/admin/settings", settings))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        await o.S.PairAsync(await o.S.DeviceAsync(), "alice");
        using var browser = o.Browser();
        var pushed = await o.PushAsync("alice");

        using var page = await browser.GetAsync(o.AuthorizeUrl(pushed));
        var html = await page.Content.ReadAsStringAsync();
        using var theme = await browser.GetAsync($"{o.Issuer}/prompt/theme.css");
        var css = await theme.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<p class=\"tenant\">Acme &lt;Corp&gt;</p>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.acme.example/logo.svg\" alt=\"Acme &lt;Corp&gt;\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' https:;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://127.0.0.1:5999;", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("--brand: #0b5cad; --on-brand: #ffffff;", System.Text.RegularExpressions.Regex.Match(css, "--brand:[^}]*;").Value.Trim());
        Assert.Contains("frame-ancestors 'none'", theme.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_LogoNotHttpsOrColourNotHex_Refused400_NothingStored()
    {
        await using var o = await OidcScenario.StartAsync();
        var before = await o.S.Admin.GetStringAsync("/v1/admin/settings");
        foreach (var branding in new[]
        {
            new JsonObject { ["logoUrl"] = "http://cdn.acme.example/logo.svg" },
            new JsonObject { ["logoUrl"] = "javascript:alert(1)" },
            new JsonObject { ["accentColor"] = "red;}body{display:none" },
        })
        {
            var settings = JsonNode.Parse(before)!.AsObject();
            settings["branding"] = branding;
            using var put = await o.S.Admin.PutAsJsonAsync("/v1/admin/settings", settings);
            var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.StartsWith("settings.branding-", problem.GetProperty("code").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await o.S.Admin.GetStringAsync("/v1/admin/settings"));
    }
}
