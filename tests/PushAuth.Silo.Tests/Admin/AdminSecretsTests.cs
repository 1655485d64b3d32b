using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The admin plane's secrets (invitation tokens, setup links, session and ceremony cookies, CSRF tokens) never
/// reach a log line, a span or the database in clear: invitations are kept as hashes only.</summary>
public sealed class AdminSecretsTests
{
    [Fact]
    public async Task InvitationTokensSetupLinksAndCookies_NotInLogsTracesOrDatabase()
    {
        var logs = new CapturingLoggerProvider();
        using var traces = new SpanText();
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-admin-secrets-" + Guid.NewGuid().ToString("N"));
        var silo = await SiloTestHost.StartSqliteAsync(dir, configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        List<string> secrets;
        try
        {
            secrets = await ExerciseAsync(await Scenario.OnAsync(silo));
        }
        finally
        {
            await silo.DisposeAsync(); // also flushes the SQLite writer, so every byte is on disk
        }

        var database = string.Concat(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.NotEmpty(logs.Lines);
        Assert.NotEmpty(traces.Lines);
        Assert.Contains("admin.invited", database, StringComparison.Ordinal); // the history and the directory are in these files
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(traces.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> ExerciseAsync(Scenario s)
    {

        // A setup link used, one issued from the console and left open, one revoked, one refused; a sign-in and a step-up.
        var used = await s.InviteAsync("Admin");
        var browser = s.ConsoleClient();
        using var ada = new SoftwareAuthenticator();
        using (var setup = await browser.SetUpAsync(used, ada, "Ada"))
        {
            Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        }
        await browser.UseCsrfAsync();
        using var open = await browser.PostAsJsonAsync("/console/api/invitations", new { role = "ManageMfa" });
        var openLink = (await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("setupLink").GetString()!;
        using var revokedAnswer = await browser.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor" });
        var revoked = await revokedAnswer.Content.ReadFromJsonAsync<JsonElement>();
        (await browser.DeleteAsync($"/console/api/invitations/{revoked.GetProperty("invitationId").GetString()}")).Dispose();
        (await s.ConsoleClient().PostAsJsonAsync("/console/api/setup/options", new { tenantId = s.TenantId, token = "inv_" + new string('B', 43), displayName = "x" })).Dispose();
        var signedIn = s.ConsoleClient();
        using var signIn = await signedIn.SignInAsync(s.TenantId, ada);
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pushauth-console=", StringComparison.Ordinal)).Split(';')[0].Split('=', 2)[1];
        var csrf = (await signedIn.GetFromJsonAsync<JsonElement>("/console/api/session")).GetProperty("csrfToken").GetString()!;
        await s.AuditAsync("action=admin.signed-in", a => a.Count > 0);

        var secrets = new List<string> { sessionCookie, csrf };
        foreach (var link in new[] { used, openLink, revoked.GetProperty("setupLink").GetString()! })
        {
            secrets.Add(link.Split("token=")[1]);
            secrets.Add(link);
        }
        return secrets;
    }
}
