using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Domain.Challenges;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>Temporary verification codes: issued by a console admin who just signed in, verified by login services
/// through the TOTP endpoint, one active per user, at most 6 an hour, stored only as a keyed hash.</summary>
public sealed class TemporaryCodeTests
{
    [Fact]
    public async Task IssueTemporaryCode_ByRecentConsoleSignIn_ShownOnceAndAcceptedOnceByTotpEndpoint()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;

        using var issued = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 8 });
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.GetProperty("code").GetString()!;
        var first = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
        var second = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
        var status = await console.GetFromJsonAsync<JsonElement>("/v1/admin/users/alice");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("no-store", issued.Headers.CacheControl?.ToString());
        Assert.Matches("^[0-9]{8}$", code);
        var expires = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
        var accepted = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(accepted.GetProperty("valid").GetBoolean());
        Assert.Equal("temporary-code", accepted.GetProperty("method").GetString());
        Assert.False((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("temporaryCode").ValueKind);
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "temporary-code.verify"));
        var issuedEvent = audit.Single(e => e.GetProperty("action").GetString() == "temporary-code.issued");
        Assert.Equal(hal.Actor, issuedEvent.GetProperty("actor").GetString());
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "temporary-code.verify" && e.GetProperty("outcome").GetString() == "accepted");
        Assert.DoesNotContain(audit, e => e.GetRawText().Contains(code, StringComparison.Ordinal));
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task IssueTemporaryCode_StoredOnlyAsKeyedHash_NewOneReplacesOld()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("Admin");
        var console = hal.Client;

        var old = await IssueAsync(console, "alice", 2);
        var current = await IssueAsync(console, "alice", 2);
        var raw = await RawUserStateAsync(s, "alice");

        Assert.DoesNotContain(old, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(current, raw, StringComparison.Ordinal);
        Assert.False(await VerifyAsync(s.Login, "alice", old));
        Assert.True(await VerifyAsync(s.Login, "alice", current));
    }

    [Fact]
    public async Task IssueTemporaryCode_ReusableTenantSetting_AcceptedUntilExpiry()
    {
        await using var s = await Scenario.SqliteAsync();
        using (var settings = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", recovery = new { temporaryCodesReusable = true } }))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        }
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        await Task.Delay(TimeSpan.FromSeconds(6)); // the settings cache (5 s) of the user grain's silo

        var code = await IssueAsync(console, "alice", 1);

        Assert.True(await VerifyAsync(s.Login, "alice", code));
        Assert.True(await VerifyAsync(s.Login, "alice", code));
    }

    [Fact]
    public async Task IssueTemporaryCode_LimitedToOneLoginService_OtherKeysGetInvalid()
    {
        await using var s = await Scenario.SqliteAsync();
        var portal = await s.IssueKeyAsync("LoginService");
        var portalClient = s.Client(0, portal.GetProperty("key").GetString());
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        var auditorKey = (await s.IssueKeyAsync("Auditor")).GetProperty("keyId").GetString();

        using var toAuditor = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 4, loginServiceKeyId = auditorKey });
        using var toUnknown = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 4, loginServiceKeyId = "zzzzzzzz" });
        using var issued = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 4, loginServiceKeyId = portal.GetProperty("keyId").GetString() });
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        Assert.Equal("loginServiceKeyId.unknown", await toAuditor.ProblemCodeAsync());
        Assert.Equal("loginServiceKeyId.unknown", await toUnknown.ProblemCodeAsync());
        Assert.False(await VerifyAsync(s.Login, "alice", code));
        Assert.True(await VerifyAsync(portalClient, "alice", code));
    }

    [Fact]
    public async Task IssueTemporaryCode_ValidityOutside1To24Hours_400NamingTheField()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;

        foreach (var body in new object[] { new { validityHours = 0 }, new { validityHours = 25 }, new { validityHours = -3 }, new { } })
        {
            using var response = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validityHours.out-of-range", await response.ProblemCodeAsync());
        }
        Assert.Equal(0, (await console.GetFromJsonAsync<JsonElement>("/v1/admin/users/alice")).GetProperty("codesIssuedInLastHour").GetInt32());
    }

    [Fact]
    public async Task IssueTemporaryCode_SeventhInAnHour_429WithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        for (var i = 0; i < 6; i++)
        {
            await IssueAsync(console, "alice", 1);
        }

        using var seventh = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });

        Assert.Equal(HttpStatusCode.TooManyRequests, seventh.StatusCode);
        Assert.Equal("temporary-code.rate-limited", await seventh.ProblemCodeAsync());
        Assert.InRange(int.Parse(seventh.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 3000, 3600);
    }

    [Fact]
    public async Task IssueTemporaryCode_WithoutHighAssuranceOrPermission_403()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var ada = await s.ConsoleAdminAsync("Auditor");
        var auditor = ada.Client;
        var manageMfaKey = await s.KeyAsync("ManageMfa");

        using var byAdminKey = await s.Admin.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
        using var byManageMfaKey = await manageMfaKey.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
        using var byAuditor = await auditor.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
        using var byLoginKey = await s.Login.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });

        Assert.Equal("auth.console-only", await byAdminKey.ProblemCodeAsync());
        Assert.Equal("auth.console-only", await byManageMfaKey.ProblemCodeAsync());
        Assert.Equal("auth.permission", await byAuditor.ProblemCodeAsync());
        Assert.Equal("auth.permission", await byLoginKey.ProblemCodeAsync());
        Assert.All(new[] { byAdminKey, byManageMfaKey, byAuditor, byLoginKey }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
    }

    [Fact]
    public async Task IssueTemporaryCode_StalePasskeyAssertion_403UntilSteppedUp()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;

        clock.Advance(TimeSpan.FromMinutes(6));
        using var stale = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
        using var staleRevoke = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "lost" });
        using var stillReads = await console.GetAsync("/v1/admin/users/alice");
        using var stepUp = await console.StepUpAsync(hal.Authenticator);
        using var again = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal("auth.high-assurance-required", await stale.ProblemCodeAsync());
        Assert.Equal("auth.high-assurance-required", await staleRevoke.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, stillReads.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task IssueTemporaryCode_AnotherTenantsUser_404()
    {
        await using var a = await Scenario.SqliteAsync("tenant-a");
        var b = await a.OtherTenantAsync("tenant-b");
        await b.EnrollTotpAsync("bob");
        var hal = await a.ConsoleAdminAsync("Admin");
        var console = hal.Client;

        using var issued = await console.PostAsJsonAsync("/v1/admin/users/bob/temporary-codes", new { validityHours = 1 });
        using var revoked = await console.PostAsJsonAsync("/v1/admin/users/bob/revoke-all", new { reason = "stolen" });
        var seen = await console.GetFromJsonAsync<JsonElement>("/v1/admin/users/bob");

        Assert.Equal(HttpStatusCode.NotFound, issued.StatusCode);
        Assert.Equal("user.not-found", await issued.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.False(seen.GetProperty("exists").GetBoolean());
        Assert.Single((await b.Login.GetFromJsonAsync<JsonElement>("/v1/users/bob/methods")).EnumerateArray());
    }

    [Fact]
    public async Task ExpireAll_ActiveCode_NoLongerAccepted()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        var code = await IssueAsync(console, "alice", 3);

        var expired = await (await console.DeleteAsync("/v1/admin/users/alice/temporary-codes")).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await console.DeleteAsync("/v1/admin/users/alice/temporary-codes")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(expired.GetProperty("expired").GetBoolean());
        Assert.False(again.GetProperty("expired").GetBoolean());
        Assert.False(await VerifyAsync(s.Login, "alice", code));
        var audit = await s.AuditAsync("action=temporary-code.expired-all", a => a.Count >= 2);
        Assert.Equal(["none-active", "expired"], audit.Select(e => e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task IssueTemporaryCode_UserToldBySignedWebhook()
    {
        await using var s = await Scenario.SqliteAsync(silo: Scenario.PrivateWebhooks);
        var (hook, received) = await AdminScenario.WebhookReceiverAsync();
        await using var _ = hook;
        var secret = (await (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using (var settings = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = new[] { "127.0.0.1" }, recovery = new { eventsWebhookUrl = hook.Urls.First() + "/events" } }))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        }
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        await Task.Delay(TimeSpan.FromSeconds(6)); // the settings cache

        var code = await IssueAsync(console, "alice", 2);

        await Eventually.UntilAsync(() => !received.IsEmpty, TimeSpan.FromSeconds(20), "the webhook arrives");
        var (body, timestamp, signature) = received.Single();
        Assert.True(WebhookSignature.Verify(secret, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body, signature, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("user.temporary-code.issued", json.GetProperty("type").GetString());
        Assert.Equal("alice", json.GetProperty("userId").GetString());
        Assert.Equal(hal.Actor, json.GetProperty("data").GetProperty("issuedBy").GetString());
        Assert.DoesNotContain(code, body, StringComparison.Ordinal);
    }

    private static async Task<string> IssueAsync(HttpClient console, string userId, int hours)
    {
        using var issued = await console.PostAsJsonAsync($"/v1/admin/users/{userId}/temporary-codes", new { validityHours = hours });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private static async Task<bool> VerifyAsync(HttpClient login, string userId, string code)
    {
        using var response = await login.PostAsJsonAsync($"/v1/users/{userId}/totp/verify", new { code });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean();
    }

    private static async Task<string> RawUserStateAsync(Scenario s, string userId)
    {
        var storage = s.Silos[0].Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(PushAuth.Grains.Storage.StorageNames.Default);
        var stored = new Orleans.GrainState<JsonElement>();
        await storage.ReadStateAsync("user", Orleans.Runtime.GrainId.Create("user", PushAuth.Abstractions.GrainKeys.User(s.TenantId, userId)), stored);
        Assert.True(stored.RecordExists);
        Assert.Contains("activeCode", stored.State.GetRawText(), StringComparison.OrdinalIgnoreCase);
        return stored.State.GetRawText();
    }
}
