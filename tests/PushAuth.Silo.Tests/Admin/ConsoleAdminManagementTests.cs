using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The admin identity from the console: invitations (single-use, expiring, revocable, audited), roles, removal,
/// several passkeys per admin, and the last Admin who can never lock the tenant out by accident.</summary>
public sealed class ConsoleAdminManagementTests
{
    [Fact]
    public async Task Invitation_ByAdmin_SingleUseListedWithoutLinkRevocableExpiringAndAudited()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var ada = await s.ConsoleAdminAsync("Admin");

        using var created = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "ManageMfa" });
        var invitation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var link = invitation.GetProperty("setupLink").GetString()!;
        var listed = await ada.Client.GetStringAsync("/console/api/invitations");
        using var hal = new SoftwareAuthenticator();
        using var accepted = await s.ConsoleClient().SetUpAsync(link, hal, "Hal");
        using var reused = await s.ConsoleClient().PostAsJsonAsync("/console/api/setup/options", SetupBody(link, "Mallory"));
        using var revokedCreated = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor" });
        var revokedInvitation = await revokedCreated.Content.ReadFromJsonAsync<JsonElement>();
        var revokedLink = revokedInvitation.GetProperty("setupLink").GetString()!;
        using var revoke = await ada.Client.DeleteAsync($"/console/api/invitations/{revokedInvitation.GetProperty("invitationId").GetString()}");
        using var afterRevoke = await s.ConsoleClient().PostAsJsonAsync("/console/api/setup/options", SetupBody(revokedLink, "Mallory"));
        using var shortLived = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor", validityHours = 1 });
        var shortLink = (await shortLived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("setupLink").GetString()!;
        using var loginRole = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "LoginService" });
        using var tooLong = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor", validityHours = 169 });
        clock.Advance(TimeSpan.FromMinutes(61));
        using var expired = await s.ConsoleClient().PostAsJsonAsync("/console/api/setup/options", SetupBody(shortLink, "Late"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.Contains("/console#setup&tenant=acme&token=inv_", link, StringComparison.Ordinal);
        Assert.Contains(invitation.GetProperty("invitationId").GetString()!, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("inv_", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("ManageMfa", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        foreach (var refused in new[] { reused, afterRevoke, expired })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("invitation.invalid", await refused.ProblemCodeAsync());
        }
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal("role.invalid", await loginRole.ProblemCodeAsync());
        Assert.Equal("validityHours.out-of-range", await tooLong.ProblemCodeAsync());
        // History events are handed out after each write: wait for all of them, not just the last kind (and count Ada's
        // invitations only: the setup of Ada's own session is an invitation too, by another actor).
        var audit = await s.AuditAsync("limit=100", a => a.Any(e => e.GetProperty("action").GetString() == "admin.invitation-revoked")
            && a.Count(e => e.GetProperty("action").GetString() == "admin.invited" && e.GetProperty("actor").GetString() == ada.Actor) >= 3
            && a.Any(e => e.GetProperty("action").GetString() == "admin.enrolled"));
        Assert.Equal(3, audit.Count(e => e.GetProperty("action").GetString() == "admin.invited" && e.GetProperty("actor").GetString() == ada.Actor));
        var enrolled = audit.Where(e => e.GetProperty("action").GetString() == "admin.enrolled").Select(e => e.GetProperty("details").GetString()!).ToList();
        Assert.Contains(enrolled, d => d.Contains("role=ManageMfa", StringComparison.Ordinal) && d.Contains("invitedBy=" + ada.Actor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admins_RoleChangeAndRemovalEndSessions_LastAdminKeepsTheRoleAndStays()
    {
        await using var s = await Scenario.SqliteAsync();
        var ada = await s.ConsoleAdminAsync("Admin");
        var hal = await s.ConsoleAdminAsync("ManageMfa");

        using var demote = await ada.Client.PatchAsJsonAsync($"/console/api/admins/{hal.AdminId}", new { role = "Auditor" });
        using var halAfterDemotion = await hal.Client.GetAsync("/v1/admin/users/alice");
        using var halAgain = await hal.Client.SignInAsync(s.TenantId, hal.Authenticator);
        var halSession = await hal.Client.GetFromJsonAsync<JsonElement>("/console/api/session");
        using var lastAdminDemoted = await ada.Client.PatchAsJsonAsync($"/console/api/admins/{ada.AdminId}", new { role = "ManageMfa" });
        using var lastAdminRemoved = await ada.Client.DeleteAsync($"/console/api/admins/{ada.AdminId}");
        using var removeHal = await ada.Client.DeleteAsync($"/console/api/admins/{hal.AdminId}");
        using var halSignsInAfterRemoval = await s.ConsoleClient().SignInAsync(s.TenantId, hal.Authenticator);
        var admins = await ada.Client.GetFromJsonAsync<JsonElement>("/console/api/admins");

        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, halAfterDemotion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, halAgain.StatusCode);
        Assert.Equal("Auditor", halSession.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Conflict, lastAdminDemoted.StatusCode);
        Assert.Equal("admins.last-admin", await lastAdminDemoted.ProblemCodeAsync());
        Assert.Equal("admins.last-admin", await lastAdminRemoved.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, removeHal.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, halSignsInAfterRemoval.StatusCode);
        var only = Assert.Single(admins.GetProperty("admins").EnumerateArray());
        Assert.Equal(ada.AdminId, only.GetProperty("adminId").GetString());
        var audit = await s.AuditAsync("action=admin.removed", a => a.Count > 0);
        Assert.Equal(ada.Actor, Assert.Single(audit).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Passkeys_SeveralPerAdmin_EachSignsIn_OwnRemovable_NotTheLastOfTheLastAdmin()
    {
        await using var s = await Scenario.SqliteAsync();
        var ada = await s.ConsoleAdminAsync("Admin");
        var first = ada.Authenticator.CredentialIds.Single();
        using var phone = new SoftwareAuthenticator();

        using var options = await ada.Client.PostAsync("/console/api/me/passkeys/options", null);
        var publicKey = (await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey");
        using var added = await ada.Client.PostAsJsonAsync("/console/api/me/passkeys", new { credential = phone.Create(publicKey, AdminScenario.Origin(ada.Client)), passkeyName = "Phone" });
        using var withPhone = await s.ConsoleClient().SignInAsync(s.TenantId, phone);
        var listed = await ada.Client.GetFromJsonAsync<JsonElement>("/console/api/me/passkeys");
        using var removeFirst = await ada.Client.DeleteAsync($"/console/api/me/passkeys/{first}");
        using var withFirst = await s.ConsoleClient().SignInAsync(s.TenantId, ada.Authenticator);
        using var removeLast = await ada.Client.DeleteAsync($"/console/api/me/passkeys/{phone.CredentialIds.Single()}");
        using var excluded = await ada.Client.PostAsync("/console/api/me/passkeys/options", null);
        var exclude = (await excluded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey").GetProperty("excludeCredentials");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(["Laptop", "Phone"], listed.GetProperty("passkeys").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(listed.GetProperty("passkeys").EnumerateArray(), p => Assert.False(p.TryGetProperty("publicKey", out _)));
        Assert.Equal(HttpStatusCode.OK, withPhone.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removeFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, removeLast.StatusCode);
        Assert.Equal("passkey.last-of-last-admin", await removeLast.ProblemCodeAsync());
        Assert.Equal(phone.CredentialIds.Single(), Assert.Single(exclude.EnumerateArray()).GetProperty("id").GetString());
        var audit = await s.AuditAsync("action=admin.passkey-removed", a => a.Count > 0);
        Assert.Equal(ada.Actor, Assert.Single(audit).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task HighAssurance_StaleAssertion_403ThenStepUpRefreshesIt_StepUpOnlyWithOwnPasskey()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var ada = await s.ConsoleAdminAsync("Admin");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        clock.Advance(TimeSpan.FromMinutes(6));

        using var stale = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor" });
        using var staleKey = await ada.Client.PostAsJsonAsync("/v1/admin/api-keys", new { role = "LoginService", name = "ci" });
        using var staleSettings = await ada.Client.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme" });
        using var stillReads = await ada.Client.GetAsync("/console/api/admins");
        // Hal's passkey cannot refresh Ada's session.
        using var options = await ada.Client.PostAsync("/console/api/step-up/options", null);
        var publicKey = (await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey");
        var allowed = publicKey.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        var foreign = hal.Authenticator.Get(JsonSerializer.Deserialize<JsonElement>(publicKey.GetRawText().Replace("\"allowCredentials\":[", "\"allowCredentials_\":[", StringComparison.Ordinal)),
            AdminScenario.Origin(ada.Client));
        using var withHals = await ada.Client.PostAsJsonAsync("/console/api/step-up", new { credential = foreign });
        using var stepUp = await ada.Client.StepUpAsync(ada.Authenticator);
        var session = await ada.Client.GetFromJsonAsync<JsonElement>("/console/api/session");
        using var fresh = await ada.Client.PostAsJsonAsync("/console/api/invitations", new { role = "Auditor" });

        foreach (var refused in new[] { stale, staleKey, staleSettings })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("auth.high-assurance-required", await refused.ProblemCodeAsync());
        }
        Assert.Equal(HttpStatusCode.OK, stillReads.StatusCode);
        Assert.Equal(ada.Authenticator.CredentialIds, allowed);
        Assert.Equal(HttpStatusCode.Unauthorized, withHals.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal(clock.GetUtcNow(), session.GetProperty("assertedAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    private static object SetupBody(string link, string displayName)
    {
        var fragment = System.Web.HttpUtility.ParseQueryString(link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..].Replace("setup&", "", StringComparison.Ordinal));
        return new { tenantId = fragment["tenant"], token = fragment["token"], displayName };
    }
}
