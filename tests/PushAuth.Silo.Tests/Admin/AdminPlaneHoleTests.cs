using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>
/// The holes of the admin plane reproduced in issue 15, each tried again and refused: a LoginService or ManageMfa key
/// trying every route to an admin session; a replayed sign-in; the sign-in as an admin directory and push cannon.
/// Admins are their own identity now: nothing of the end-user plane (pairings, TOTP, challenges, sessionBinding)
/// reaches the console.
/// </summary>
public sealed class AdminPlaneHoleTests
{
    [Theory]
    [InlineData("LoginService")]
    [InlineData("ManageMfa")]
    public async Task LowerRoleKey_EveryRouteToAnAdminSession_Refused(string role)
    {
        await using var s = await Scenario.SqliteAsync();
        var ada = await s.ConsoleAdminAsync("Admin", name: "ada");
        var key = await s.KeyAsync(role);
        var attacker = s.ConsoleClient();
        attacker.DefaultRequestHeaders.Authorization = key.DefaultRequestHeaders.Authorization;
        var phone = await s.DeviceAsync();
        var refused = new List<(string What, HttpResponseMessage Response)>();

        // The end-user factors a lower key can give "ada" (her name as a user id, or her admin id): a phone of its own, a TOTP seed.
        foreach (var userId in new[] { "ada", ada.AdminId })
        {
            if (role == "LoginService")
            {
                await s.PairAsync(phone, userId, key);
                using var totp = await key.PostAsJsonAsync($"/v1/users/{userId}/totp", new { });
                var seed = Base32.Decode((await totp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
                refused.Add(("TOTP sign-in as " + userId, await attacker.PostAsJsonAsync("/console/api/sign-in",
                    new { tenantId = s.TenantId, userId, method = "totp", code = Totp.ComputeCode(seed, DateTimeOffset.UtcNow) })));
            }
            else
            {
                using var offer = await key.PostAsJsonAsync($"/v1/admin/users/{userId}/pairing-offers", new { serviceName = "Phone" });
                Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
            }
            refused.Add(("push sign-in as " + userId, await attacker.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId, method = "push" })));
        }

        // A challenge bound to the console's old namespace, approved on the attacker's phone, then "completed" with a cookie of its own.
        refused.Add(("console: binding", await key.PostAsJsonAsync("/v1/challenges",
            new { userId = "ada", context = new { service = "Admin console", action = "Sign in" }, sessionBinding = "console:" + new string('A', 43) })));
        using (var complete = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in/complete") { Content = JsonContent.Create(new { signInId = "ch_x" }) })
        {
            complete.Headers.Add("Cookie", "pushauth-console-signin=YWNtZQ.ch_x.nonce");
            refused.Add(("hand-made completion", await attacker.SendAsync(complete)));
        }
        // Designate itself, invite itself, or open an invitation it guessed.
        refused.Add(("PUT console-admins", await key.PutAsJsonAsync("/v1/admin/console-admins", new { admins = new[] { new { userId = "mallory", role = "Admin" } } })));
        refused.Add(("invite", await key.PostAsJsonAsync("/console/api/invitations", new { role = "Admin" })));
        refused.Add(("list admins", await key.GetAsync("/console/api/admins")));
        refused.Add(("change a role", await key.PatchAsJsonAsync($"/console/api/admins/{ada.AdminId}", new { role = "Auditor" })));
        refused.Add(("add a passkey", await key.PostAsync("/console/api/me/passkeys/options", null)));
        refused.Add(("guessed setup link", await attacker.PostAsJsonAsync("/console/api/setup/options",
            new { tenantId = s.TenantId, token = "inv_" + new string('A', 43), displayName = "Mallory" })));
        refused.Add(("sign-in with no passkey", await attacker.PostAsJsonAsync("/console/api/sign-in", new { credential = new { id = "x" } })));
        using var session = await attacker.GetAsync("/console/api/session");

        foreach (var (what, response) in refused)
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pushauth-console=", StringComparison.Ordinal)), what);
            response.Dispose();
        }
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        var directory = await s.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IConsoleAdminsGrain>(s.TenantId).GetAsync();
        Assert.Equal([ada.AdminId], directory.Admins.Select(a => a.AdminId));
        Assert.Empty(directory.Invitations);
        // The phone paired to "ada" was never asked anything by the console.
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task SignIn_ReplayedCompletion_RefusedEvenWithACounterlessAuthenticatorAndAfterSignOut()
    {
        await using var s = await Scenario.SqliteAsync();
        var ada = await s.ConsoleAdminAsync("Admin");
        ada.Authenticator.Counts = false; // the counter cannot tell a replay: the used-up ceremony must
        var browser = s.ConsoleClient();
        using var options = await browser.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId });
        var ceremonyCookie = options.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pushauth-console-ceremony=", StringComparison.Ordinal)).Split(';')[0];
        var credential = ada.Authenticator.Get((await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey"), AdminScenario.Origin(browser));

        using var first = await browser.PostAsJsonAsync("/console/api/sign-in", new { credential });
        await browser.UseCsrfAsync();
        using var replayed = await Replay();
        using var signOut = await browser.PostAsync("/console/api/sign-out", null);
        using var afterSignOut = await Replay();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        foreach (var response in new[] { replayed, afterSignOut })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("console.sign-in-failed", await response.ProblemCodeAsync());
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pushauth-console=", StringComparison.Ordinal)));
        }
        var signedIn = await s.AuditAsync("action=admin.signed-in", a => a.Count > 0);
        Assert.Single(signedIn);

        async Task<HttpResponseMessage> Replay()
        {
            var thief = s.Client(0, null);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { credential }) };
            request.Headers.Add("Cookie", ceremonyCookie);
            return await thief.SendAsync(request);
        }
    }

    [Fact]
    public async Task SignIn_NoAdminDirectoryNoPushCannon_SameOptionsForEveryoneAndLimitedPerSource()
    {
        await using var s = await Scenario.SqliteAsync(configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PushAuth:Console:SignInAttemptsPerSourcePerMinute"] = "6",
        }));
        await s.ConsoleAdminAsync("Admin", name: "ada");
        var adaPhone = await s.DeviceAsync();
        await s.PairAsync(adaPhone, "ada");
        var seed = await s.EnrollTotpAsync("ada");
        var prober = s.ConsoleClient();

        // Options do not depend on who signs in, or on whether the tenant exists.
        using var known = await prober.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId });
        using var unknown = await prober.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = "nope" });
        var knownAnswer = await known.Content.ReadFromJsonAsync<JsonElement>();
        var knownKeys = Keys(knownAnswer);
        var unknownKeys = Keys(await unknown.Content.ReadFromJsonAsync<JsonElement>());
        // The old push sign-in, for the admin's user id and for someone else: no push, no difference.
        using var admin = await prober.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "ada", method = "push" });
        using var other = await prober.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId = "nobody", method = "push" });
        // Then the source's budget runs out.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var more = await prober.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId });
            statuses.Add(more.StatusCode);
        }
        using var throttled = await prober.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId = s.TenantId });

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(knownKeys, unknownKeys);
        Assert.Equal(0, knownAnswer.GetProperty("publicKey").GetProperty("allowCredentials").GetArrayLength());
        Assert.Equal(admin.StatusCode, other.StatusCode);
        Assert.Equal(await admin.ProblemCodeAsync(), await other.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("console.sign-in-throttled", await throttled.ProblemCodeAsync());
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // Ada, the end user, was not pushed, has no outstanding challenge, and her TOTP still works at once.
        Assert.Empty(await adaPhone.PullAsync());
        Assert.Contains("\"outstanding\":0", await s.Login.GetStringAsync("/v1/users/ada/push-status"), StringComparison.Ordinal);
        using var verify = await s.Login.PostAsJsonAsync("/v1/users/ada/totp/verify", new { code = Totp.ComputeCode(seed, DateTimeOffset.UtcNow) });
        Assert.True((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task SignIn_ManyFailures_AuditedIndividuallyThenAggregated_NoWriteForUnknownTenants()
    {
        await using var s = await Scenario.SqliteAsync(configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PushAuth:Audit:AggregationWindow"] = "00:00:01",
            ["PushAuth:Console:SignInAttemptsPerSourcePerMinute"] = "1000",
        }));
        await s.ConsoleAdminAsync("Admin");
        using var stranger = new SoftwareAuthenticator();
        using (var otherSetup = await s.ConsoleClient().SetUpAsync(await (await s.OtherTenantAsync("globex")).InviteAsync(), stranger, "Stranger"))
        {
            Assert.Equal(HttpStatusCode.Created, otherSetup.StatusCode);
        }

        for (var i = 0; i < 12; i++)
        {
            using var failed = await s.ConsoleClient().SignInAsync(s.TenantId, stranger);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            using var unknownTenant = await s.ConsoleClient().SignInAsync("no-such-tenant", stranger);
            Assert.Equal(HttpStatusCode.Unauthorized, unknownTenant.StatusCode);
        }

        static bool Aggregated(JsonElement e) => e.GetProperty("details").GetString()?.StartsWith("aggregated=", StringComparison.Ordinal) == true;
        var audit = await s.AuditAsync("action=admin.sign-in", a => a.Any(Aggregated));
        var individual = audit.Where(e => !Aggregated(e)).ToList();
        Assert.True(individual.Count <= 5 * 2, $"{individual.Count} individual events"); // at most 5 per window, and the loop may span two windows
        Assert.All(audit, e => Assert.Equal("failed", e.GetProperty("outcome").GetString()));
        // Every failed attempt is counted once, one by one or in an aggregate; the unknown tenant's twelve cost nothing.
        await Eventually.UntilAsync(async () => Counted(await s.AuditAsync("action=admin.sign-in", _ => true)) == 12, TimeSpan.FromSeconds(20), "all twelve counted");

        static int Counted(List<JsonElement> audit) => audit.Sum(e => Aggregated(e)
            ? int.Parse(e.GetProperty("details").GetString()!.Split(';')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture)
            : 1);
    }

    private static List<string> Keys(JsonElement answer) =>
        [.. answer.GetProperty("publicKey").EnumerateObject().Select(p => p.Name + ":" + (p.Name == "challenge" ? "*" : p.Value.GetRawText())).Order()];
}
