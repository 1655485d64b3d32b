using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Domain.Challenges;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>A lost or stolen device in one action, and disconnecting one method, by the delegated roles.</summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task RevokeAll_StolenPhone_MethodsGoneChallengesCancelledPushBlockedUntilNewPairingWebhookSigned()
    {
        await using var s = await Scenario.SqliteAsync(silo: Scenario.PrivateWebhooks);
        var (hook, received) = await AdminScenario.WebhookReceiverAsync();
        await using var _ = hook;
        var secret = (await (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        (await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = new[] { "127.0.0.1" }, recovery = new { eventsWebhookUrl = hook.Urls.First() + "/events" } })).EnsureSuccessStatusCode();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.EnrollTotpAsync("alice");
        await Challenge(s, "alice");
        (await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: true)).Dispose();
        var pending = (await Challenge(s, "alice")).GetProperty("challengeId").GetString();
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        await Task.Delay(TimeSpan.FromSeconds(6)); // the settings cache
        await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "challenge.created" && e.GetProperty("correlationId").GetString() == pending));

        using var revoke = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "stolen" });
        var result = await revoke.Content.ReadFromJsonAsync<JsonElement>();
        using var pushAfter = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, numberMatching = false });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(2, result.GetProperty("revokedMethods").GetArrayLength());
        Assert.Equal(1, result.GetProperty("cancelledChallenges").GetInt32());
        Assert.Equal("challenge.answered", result.GetProperty("lastKnownGood").GetProperty("activity").GetString());
        Assert.Contains(result.GetProperty("activitySinceLastKnownGood").EnumerateArray(), e => e.GetProperty("correlationId").GetString() == pending);
        Assert.Equal("Cancelled", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{pending}")).GetProperty("status").GetString());
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Locked, pushAfter.StatusCode);
        Assert.Equal("push.revoked", await pushAfter.ProblemCodeAsync());
        var status = await console.GetFromJsonAsync<JsonElement>("/v1/admin/users/alice");
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("pushRevokedAt").ValueKind);

        // The phone is told and forgets the account; the login service gets the signed event.
        await Eventually.UntilAsync(async () => (await DeviceClient.ReadAsync<JsonElement>(await phone.SendAsync(HttpMethod.Get, "/v1/device"), default))
            .GetProperty("pairedUsers").GetArrayLength() == 0, TimeSpan.FromSeconds(20), "the device drops the pairing");
        await Eventually.UntilAsync(() => received.Any(r => r.Body.Contains("user.mfa.revoked", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the webhook arrives");
        var (body, timestamp, signature) = received.First(r => r.Body.Contains("user.mfa.revoked", StringComparison.Ordinal));
        Assert.True(WebhookSignature.Verify(secret, long.Parse(timestamp, CultureInfo.InvariantCulture), body, signature, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        Assert.Equal("stolen", data.GetProperty("reason").GetString());
        Assert.Equal(hal.Actor, data.GetProperty("revokedBy").GetString());

        // A new pairing lifts the block.
        var newPhone = await s.DeviceAsync();
        await s.PairAsync(newPhone, "alice");
        using var pushAgain = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, numberMatching = false });
        Assert.Equal(HttpStatusCode.Created, pushAgain.StatusCode);
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "mfa.revoked"));
        Assert.Equal(hal.Actor, audit.First(e => e.GetProperty("action").GetString() == "mfa.revoked").GetProperty("actor").GetString());
        Assert.Equal(2, audit.Count(e => e.GetProperty("action").GetString() == "method.revoked"));
    }

    [Fact]
    public async Task RevokeAll_BadReasonOrApiKey_4xxAndNothingRevoked()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("Admin");
        var console = hal.Client;

        using var badReason = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "bored" });
        using var byKey = await s.Admin.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "lost" });

        Assert.Equal("reason.invalid", await badReason.ProblemCodeAsync());
        Assert.Equal("auth.console-only", await byKey.ProblemCodeAsync());
        Assert.Single((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
    }

    [Fact]
    public async Task DisconnectMethod_ManageMfaKeyYes_AuditorNo_Audited()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        var methodId = await s.PairAsync(phone, "alice");
        var manageMfa = await s.IssueKeyAsync("ManageMfa");
        var helpdesk = s.Client(0, manageMfa.GetProperty("key").GetString());
        var auditor = await s.KeyAsync("Auditor");

        using var byAuditor = await auditor.DeleteAsync($"/v1/admin/users/alice/methods/{methodId}?reason=broken");
        using var unknown = await helpdesk.DeleteAsync("/v1/admin/users/alice/methods/push_nope?reason=broken");
        using var badReason = await helpdesk.DeleteAsync($"/v1/admin/users/alice/methods/{methodId}?reason=whim");
        using var byHelpdesk = await helpdesk.DeleteAsync($"/v1/admin/users/alice/methods/{methodId}?reason=broken");

        Assert.Equal("auth.permission", await byAuditor.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("reason.invalid", await badReason.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, byHelpdesk.StatusCode);
        Assert.Empty((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
        var audit = await s.AuditAsync("action=method.disconnected", a => a.Count > 0);
        Assert.Equal("ManageMfa:" + manageMfa.GetProperty("keyId").GetString(), Assert.Single(audit).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task PairingOffer_ForNewPhone_QrPngCompletesAndAuditedWithTheAdmin()
    {
        await using var s = await Scenario.SqliteAsync();
        var manageMfa = await s.IssueKeyAsync("ManageMfa");
        var helpdesk = s.Client(0, manageMfa.GetProperty("key").GetString());
        var keyId = manageMfa.GetProperty("keyId").GetString();

        using var offer = await helpdesk.PostAsJsonAsync("/v1/admin/users/alice/pairing-offers", new { serviceName = "New phone" });
        var body = await offer.Content.ReadFromJsonAsync<JsonElement>();
        var png = Convert.FromBase64String(body.GetProperty("qrCode").GetString()!["data:image/png;base64,".Length..]);
        var phone = await s.DeviceAsync();
        using var completed = await phone.CompleteOfferAsync(body.GetProperty("uri").GetString()!);

        Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Single((await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).EnumerateArray());
        var audit = await s.AuditAsync("userId=alice&action=pairing.offer-created", a => a.Count > 0);
        Assert.Equal("ManageMfa:" + keyId, Assert.Single(audit).GetProperty("actor").GetString());
    }

    private static async Task<JsonElement> Challenge(Scenario s, string userId)
    {
        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new
        {
            userId,
            context = new { service = "Acme Mail", action = "Sign in", sourceIp = "203.0.113.10", city = "Lyon", country = "FR" },
            numberMatching = false,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
