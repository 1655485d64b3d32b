using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>Revoke-all ends every way in, temporary codes issued before it included (issue 15, reproduction 5).</summary>
public sealed class RevokeAllTemporaryCodeTests
{
    [Fact]
    public async Task RevokeAll_TemporaryCodeIssuedBefore_NoLongerAcceptedAndAudited()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("alice");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        using var issued = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 8 });
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        using var revoke = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "stolen" });
        using var verify = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
        var status = await console.GetFromJsonAsync<JsonElement>("/v1/admin/users/alice");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("temporaryCode").ValueKind);
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "mfa.revoked"));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "temporary-code.expired-all" && e.GetProperty("outcome").GetString() == "expired");
    }
}
