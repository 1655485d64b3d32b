using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Oidc.Tests.Infrastructure;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Clients;

/// <summary>OIDC clients through the admin API: the secret is shown once and kept as a hash; it, the codes, the tokens and
/// the request URIs never reach a log line, a span or the database.</summary>
public sealed class OidcClientSecretTests
{
    [Fact]
    public async Task Secret_ShownOnce_NotListed_AndNoSecretCodeOrTokenInLogsTracesOrDatabase()
    {
        var logs = new CapturingLoggerProvider();
        using var traces = new SpanText();
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-oidc-secrets-" + Guid.NewGuid().ToString("N"));
        var silo = await SiloTestHost.StartSqliteAsync(dir, configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        var secrets = new List<string>();
        string listed;
        try
        {
            await using var s = await Scenario.OnAsync(silo);
            using var created = await s.Admin.PostAsJsonAsync("/v1/admin/oidc-clients", new
            {
                name = "Acme Mail", redirectUris = new[] { OidcScenario.RedirectUri }, flows = new[] { "AuthorizationCode" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            secrets.Add(body.GetProperty("clientSecret").GetString()!);
            listed = await s.Admin.GetStringAsync("/v1/admin/oidc-clients") + await s.Admin.GetStringAsync("/v1/admin/oidc-clients/" + body.GetProperty("clientId").GetString());
            secrets.AddRange(await SignInAsync(s, body.GetProperty("clientId").GetString()!, secrets[0]));
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var database = string.Concat(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains("oidc.client.registered", database, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets[0], listed, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(traces.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }
    }

    // A whole sign-in; returns the request URI, the code and the tokens it handed out.
    private static async Task<List<string>> SignInAsync(Scenario s, string clientId, string secret)
    {
        var o = new OidcScenarioView(s, clientId, secret);
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        using var browser = o.Inner.Browser();
        var pushed = await o.Inner.PushAsync("alice");
        using var page = await browser.GetAsync(o.Inner.AuthorizeUrl(pushed));
        using var push = await browser.PostAsync($"{o.Inner.Issuer}/prompt/{OidcScenario.Handle(pushed)}/push", null);
        await o.Inner.AnswerAsync(phone, "alice", approve: true);
        using var done = await o.Inner.CompleteAsync(browser, pushed);
        var code = OidcScenario.Query(done.Headers.Location!, "code")!;
        using var tokens = await o.Inner.RedeemAsync(code, pushed.Verifier);
        var body = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        return [pushed.RequestUri, code, body.GetProperty("id_token").GetString()!, body.GetProperty("access_token").GetString()!];
    }

    private sealed record OidcScenarioView(Scenario S, string ClientId, string Secret)
    {
        public OidcScenario Inner { get; } = OidcScenario.On(S, ClientId, Secret);
    }
}
