using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>Roles are sets of permissions: each endpoint asks for one, and a role without it gets a 403 naming it.</summary>
public sealed class RolePermissionTests
{
    [Fact]
    public async Task DelegatedRoles_OutsideTheirPermissions_403NamingThePermission()
    {
        await using var s = await Scenario.SqliteAsync();
        var manageMfa = await s.KeyAsync("ManageMfa");
        var auditor = await s.KeyAsync("Auditor");

        using var mfaSettings = await manageMfa.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Hacked" });
        using var mfaKeys = await manageMfa.PostAsJsonAsync("/v1/admin/api-keys", new { role = "Admin", name = "escalate" });
        using var mfaChallenge = await manageMfa.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" } });
        using var auditorTotp = await auditor.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code = "123456" });

        foreach (var (response, permission) in new[] { (mfaSettings, "ManageTenant"), (mfaKeys, "ManageTenant"), (mfaChallenge, "LoginApi"),
                     (auditorTotp, "LoginApi") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("auth.permission", problem.GetProperty("code").GetString());
            Assert.Contains(permission, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("acme Inc", (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task IssueApiKey_EveryRoleByName_UndefinedRoleIs400()
    {
        await using var s = await Scenario.SqliteAsync();

        foreach (var role in new[] { "LoginService", "Admin", "ManageMfa", "Auditor" })
        {
            using var created = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role, name = role + " key" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(role, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        }
        // One defined name only: a number, a numeric string, or a comma list (which an enum parser ORs: Admin|ManageMfa is
        // Auditor's value) is refused, and no key is made.
        var before = (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).GetArrayLength();
        foreach (var role in new object[] { 7, "7", "Admin,ManageMfa", "Admin, ManageMfa", "LoginService|Admin", "", "None" })
        {
            using var refused = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role, name = "x" });
            Assert.True(HttpStatusCode.BadRequest == refused.StatusCode, $"role {role}: {(int)refused.StatusCode}");
            Assert.Equal("role.invalid", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal(before, (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).GetArrayLength());
    }
}
