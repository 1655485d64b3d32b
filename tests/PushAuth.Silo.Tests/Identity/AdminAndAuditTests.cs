using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

public sealed class AdminAndAuditTests
{
    [Fact]
    public async Task Bootstrap_NewTenant_PrintsBothKeysOnce_SecondRunFails()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-bootstrap-" + Guid.NewGuid().ToString("N"));
        string[] args = [TenantBootstrap.Command, "--tenant", "acme", "--name", "Acme Corp", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}", .. TestKeys.Arguments];
        using var first = new StringWriter();
        using var second = new StringWriter();

        var firstExit = await TenantBootstrap.RunAsync(args, first);
        var secondExit = await TenantBootstrap.RunAsync(args, second);

        Assert.Equal(0, firstExit);
        var keys = first.ToString().Split('\n').Where(l => l.Contains("pak_", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Contains(keys, k => k.StartsWith("Admin", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("LoginService", StringComparison.Ordinal));
        Assert.Equal(1, secondExit);
        Assert.Contains("already exists", second.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pak_", second.ToString(), StringComparison.Ordinal);

        // The printed admin key works against a silo on the same storage.
        await using var silo = await SiloTestHost.StartSqliteAsync(dir);
        using var admin = new HttpClient { BaseAddress = silo.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", keys.Single(k => k.StartsWith("Admin", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var settings = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");
        Assert.Equal("Acme Corp", settings.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Bootstrap_MissingTenant_UsageAndExit2()
    {
        using var output = new StringWriter();

        var exit = await TenantBootstrap.RunAsync([TenantBootstrap.Command, "--name", "x"], output);

        Assert.Equal(2, exit);
        Assert.Contains("usage", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_AdminReadsAndUpdates_DefaultsAndValidation()
    {
        await using var s = await Scenario.SqliteAsync();

        var defaults = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");
        using var update = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", numberMatchingDigits = 6, totpWindow = 0 });
        using var invalidDigits = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", numberMatchingDigits = 1 });
        using var invalidWindow = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", totpWindow = 3 });
        using var invalidTtl = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", defaultChallengeTtl = "00:11:00" });
        using var byLoginService = await s.Login.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Hacked" });

        Assert.Equal(2, defaults.GetProperty("numberMatchingDigits").GetInt32());
        Assert.Equal(1, defaults.GetProperty("totpWindow").GetInt32());
        Assert.False(defaults.GetProperty("locationAutoApproveEnabled").GetBoolean());
        Assert.Equal(3, defaults.GetProperty("maxOutstandingChallenges").GetInt32());
        Assert.Equal(5, defaults.GetProperty("pushesPerUserPerMinute").GetInt32());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalidDigits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalidWindow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalidTtl.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLoginService.StatusCode);
        var now = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");
        Assert.Equal(6, now.GetProperty("numberMatchingDigits").GetInt32());
        Assert.Equal("Acme", now.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task AdminKey_CanDoWhatLoginServiceKeysDo_AndDelegatedAdminKeyManages()
    {
        await using var s = await Scenario.SqliteAsync();
        using var created = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role = "Admin", name = "helpdesk" });
        var delegated = s.Client(0, (await DeviceClient.ReadAsync<JsonElement>(created, default)).GetProperty("key").GetString());

        using var methods = await s.Admin.GetAsync("/v1/users/alice/methods");
        using var keys = await delegated.GetAsync("/v1/admin/api-keys");
        using var badRole = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role = "Root", name = "x" });

        Assert.Equal(HttpStatusCode.OK, methods.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task Audit_RegistrationPairingAndVerificationOutcomes_RecordedWithOrigin()
    {
        await using var s = await Scenario.SqliteAsync();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        s.Login.DefaultRequestHeaders.UserAgent.ParseAdd("acme-login/2.0");
        s.Login.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase = "apple-river-stone-cloud", userId = "alice", serviceName = "Mail" })).Dispose();
        using var enrolled = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { });
        var secret = Base32.Decode((await DeviceClient.ReadAsync<JsonElement>(enrolled, default)).GetProperty("secret").GetString()!);
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = Totp.ComputeCode(secret, DateTimeOffset.UtcNow) })).Dispose();
        (await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "000000" })).Dispose();

        // The history is appended right after each decision is saved, so it is read until the last event is there.
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("outcome").GetString() == "rejected"));

        string[] Outcomes(string action) => [.. audit.Where(e => e.GetProperty("action").GetString() == action).Select(e => e.GetProperty("outcome").GetString()!)];
        Assert.Contains("claimed", Outcomes("pairing.claimed"));
        Assert.Contains("accepted", Outcomes("pairing.accepted"));
        Assert.Contains("paired", Outcomes("method.paired"));
        Assert.Contains("unknown-phrase", Outcomes("pairing.claim"));
        Assert.Contains("enrolled", Outcomes("method.totp-enrolled"));
        Assert.Contains("accepted", Outcomes("totp.verify"));
        Assert.Contains("rejected", Outcomes("totp.verify"));
        var verify = audit.First(e => e.GetProperty("action").GetString() == "totp.verify");
        Assert.Equal("totp", verify.GetProperty("method").GetString());
        Assert.Equal("acme-login/2.0", verify.GetProperty("userAgent").GetString());
        Assert.Equal(traceId, verify.GetProperty("traceId").GetString());
        Assert.Equal("127.0.0.1", verify.GetProperty("sourceIp").GetString());
        Assert.All(audit, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("actor").GetString())));
        // No secret ever lands in the audit trail.
        Assert.DoesNotContain(audit, e => e.GetRawText().Contains(Base32.Encode(secret), StringComparison.Ordinal));
    }
}
