using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary><c>bootstrap-tenant</c> prints the first Admin's setup link beside the keys; <c>recover-admin</c> is the
/// "contact support" path when the last Admin is locked out: a new one-time Admin link, audited with who asked.</summary>
public sealed class RecoverAdminCommandTests
{
    private const string PublicUrl = "https://mfa.example.com";

    [Fact]
    public async Task BootstrapThenLockedOutThenRecoverAdmin_NewAdminFromTheCommandsLink_Audited()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-recover-" + Guid.NewGuid().ToString("N"));
        // The silos' keys first, then this test's public URL (the last value of a setting wins).
        string[] storage = [.. TestKeys.ArgumentsFor(dir), "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}", $"--PushAuth:Silo:PublicUrl={PublicUrl}"];
        using var bootstrapOutput = new StringWriter();
        Assert.Equal(0, await TenantBootstrap.RunAsync([TenantBootstrap.Command, "--tenant", "acme", "--name", "Acme Corp", .. storage], bootstrapOutput));
        var firstLink = Link(bootstrapOutput.ToString());
        Assert.Equal(2, bootstrapOutput.ToString().Split('\n').Count(l => l.Contains("pak_", StringComparison.Ordinal)));
        Assert.StartsWith(PublicUrl + "/console#setup&tenant=acme&token=inv_", firstLink, StringComparison.Ordinal);

        string lostAdminId;
        await using (var silo = await SiloTestHost.StartSqliteAsync(dir, new Dictionary<string, string?> { ["PushAuth:Silo:PublicUrl"] = PublicUrl }))
        {
            // The first Admin sets up (the browser would be at the public URL; the silo checks that origin) and then loses the passkey.
            using var lost = new SoftwareAuthenticator();
            using var setup = await Browser(silo).SetUpAsync(firstLink, lost, "Ada", PublicUrl);
            Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
            lostAdminId = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminId").GetString()!;
        }

        using var recoverOutput = new StringWriter();
        using var unknownOutput = new StringWriter();
        using var usageOutput = new StringWriter();
        var recovered = await RecoverAdminCommand.RunAsync([RecoverAdminCommand.Command, "--tenant", "acme", "--name", "Ada Lovelace (ticket 4711)", .. storage], recoverOutput);
        var unknown = await RecoverAdminCommand.RunAsync([RecoverAdminCommand.Command, "--tenant", "nope", "--name", "x", .. storage], unknownOutput);
        var usage = await RecoverAdminCommand.RunAsync([RecoverAdminCommand.Command, "--tenant", "acme"], usageOutput);

        Assert.Equal(0, recovered);
        Assert.Equal(1, unknown);
        Assert.Contains("no tenant 'nope'", unknownOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, usage);
        var recoveryLink = Link(recoverOutput.ToString());
        Assert.NotEqual(firstLink, recoveryLink);

        await using var again = await SiloTestHost.StartSqliteAsync(dir, new Dictionary<string, string?> { ["PushAuth:Silo:PublicUrl"] = PublicUrl });
        var browser = Browser(again);
        using var newPasskey = new SoftwareAuthenticator();
        using var recoveredSetup = await browser.SetUpAsync(recoveryLink, newPasskey, "Ada (new laptop)", PublicUrl);
        await browser.UseCsrfAsync();
        var session = await browser.GetFromJsonAsync<JsonElement>("/console/api/session");
        using var removeLost = await browser.DeleteAsync($"/console/api/admins/{lostAdminId}");
        var audit = (await browser.GetFromJsonAsync<JsonElement>("/v1/admin/audit?action=admin.invited")).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Created, recoveredSetup.StatusCode);
        Assert.Equal("Admin", session.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removeLost.StatusCode);
        Assert.Contains(audit, e => e.GetProperty("actor").GetString() == "recover-admin:Ada Lovelace (ticket 4711)");
        Assert.Contains(audit, e => e.GetProperty("actor").GetString() == "bootstrap-tenant");
    }

    [Fact]
    public async Task Bootstrap_NoPublicUrlOutsideDevelopment_RefusedNamingItAndNoKeyMade()
    {
        // Outside Development every link is built from PushAuth:Silo:PublicUrl, so a bootstrap without it cannot print the
        // Admin's setup link: it refuses in one line before making anything.
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-recover-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TenantBootstrap.RunAsync([TenantBootstrap.Command, "--tenant", "acme", .. TestKeys.ArgumentsFor(dir), "--PushAuth:Silo:PublicUrl=",
            "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}", "--environment", "Production"], output, error);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("pak_", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("PushAuth:Silo:PublicUrl is required outside Development", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private static string Link(string output) => output.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("#setup&", StringComparison.Ordinal));

    /// <summary>A browser-like client (cookies) of the silo; its passkey answers carry the public URL as their origin.</summary>
    private static HttpClient Browser(SiloTestHost silo) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = silo.BaseAddress };
}
