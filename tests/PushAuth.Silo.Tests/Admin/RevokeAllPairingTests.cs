using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>A pairing bound to the user before "revoke all" cannot complete after it: a thief who started pairing the
/// stolen phone (or another one) beforehand does not get back in; a pairing started afterwards works.</summary>
public sealed class RevokeAllPairingTests
{
    [Fact]
    public async Task Confirm_PairingClaimedBeforeRevokeAll_409RevokedAndNoMethod()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var thief = await s.DeviceAsync();
        var (pairingId, phrase) = await thief.RequestPairingPhraseAsync();
        using (var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Acme Mail" }))
        {
            Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        }
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        using (var revoke = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "stolen" }))
        {
            Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
        }

        using var confirm = await thief.ConfirmPairingAsync(pairingId, accept: true);

        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Equal("pairing.revoked", (await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, (await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).GetArrayLength());
        using var push = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" } });
        Assert.Equal(HttpStatusCode.Locked, push.StatusCode);
        Assert.Empty(await thief.PullAsync());

        // A pairing started after the revocation is the way back.
        var newPhone = await s.DeviceAsync();
        await s.PairAsync(newPhone, "alice");
        Assert.Equal(1, (await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods")).GetArrayLength());
    }
}
