using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PushAuth.Abstractions;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>
/// The role-by-route matrix of the admin plane: every <c>/v1/admin</c> and <c>/console/api</c> operation of the OpenAPI
/// document, tried with no credential, with an API key of each role and with a console session of each role. A caller
/// is either turned away at the door (401, or 403 naming the permission, the console or the passkey freshness) or let
/// through (whatever the operation then answers), exactly as the table below says. A route missing from the table fails
/// the test, so a new one must say who may call it.
/// </summary>
public sealed class AdminRouteMatrixTests(ITestOutputHelper output)
{
    private enum Door
    {
        /// <summary>No credential needed (sign-in and setup ceremonies).</summary>
        Open,

        /// <summary>Any console session, no key (the session itself, sign-out, step-up, one's own passkeys).</summary>
        Session,

        /// <summary>Any console session with a fresh passkey, no key (adding or removing one's own passkeys).</summary>
        FreshSession,

        /// <summary>A key or a console session whose role grants the permission.</summary>
        Any,

        /// <summary>A key, or a console session (fresh passkey) whose role grants the permission.</summary>
        FreshIfConsole,

        /// <summary>A console session whose role grants the permission; no key.</summary>
        ConsoleOnly,

        /// <summary>A console session with a fresh passkey whose role grants the permission; no key.</summary>
        FreshConsoleOnly,
    }

    private static readonly Dictionary<string, (Door Door, AdminPermission Permission)> Table = new(StringComparer.Ordinal)
    {
        ["POST /console/api/sign-in/options"] = (Door.Open, AdminPermission.None),
        ["POST /console/api/sign-in"] = (Door.Open, AdminPermission.None),
        ["POST /console/api/setup/options"] = (Door.Open, AdminPermission.None),
        ["POST /console/api/setup"] = (Door.Open, AdminPermission.None),
        ["GET /console/api/session"] = (Door.Session, AdminPermission.None),
        ["POST /console/api/sign-out"] = (Door.Session, AdminPermission.None),
        ["POST /console/api/step-up/options"] = (Door.Session, AdminPermission.None),
        ["POST /console/api/step-up"] = (Door.Session, AdminPermission.None),
        ["GET /console/api/me/passkeys"] = (Door.Session, AdminPermission.None),
        ["POST /console/api/me/passkeys/options"] = (Door.FreshSession, AdminPermission.None),
        ["POST /console/api/me/passkeys"] = (Door.FreshSession, AdminPermission.None),
        ["DELETE /console/api/me/passkeys/{credentialId}"] = (Door.FreshSession, AdminPermission.None),
        ["GET /console/api/admins"] = (Door.ConsoleOnly, AdminPermission.ManageTenant),
        ["PATCH /console/api/admins/{adminId}"] = (Door.FreshConsoleOnly, AdminPermission.ManageTenant),
        ["DELETE /console/api/admins/{adminId}"] = (Door.FreshConsoleOnly, AdminPermission.ManageTenant),
        ["GET /console/api/invitations"] = (Door.ConsoleOnly, AdminPermission.ManageTenant),
        ["POST /console/api/invitations"] = (Door.FreshConsoleOnly, AdminPermission.ManageTenant),
        ["DELETE /console/api/invitations/{invitationId}"] = (Door.FreshConsoleOnly, AdminPermission.ManageTenant),
        ["GET /v1/admin/users"] = (Door.Any, AdminPermission.ReadUsers),
        ["GET /v1/admin/users/{userId}"] = (Door.Any, AdminPermission.ReadUsers),
        ["GET /v1/admin/users/{userId}/profile"] = (Door.Any, AdminPermission.ReadUsers),
        ["GET /v1/admin/history/stats"] = (Door.Any, AdminPermission.ReadHistory),
        ["POST /v1/admin/users/{userId}/temporary-codes"] = (Door.FreshConsoleOnly, AdminPermission.IssueTemporaryCodes),
        ["DELETE /v1/admin/users/{userId}/temporary-codes"] = (Door.Any, AdminPermission.IssueTemporaryCodes),
        ["DELETE /v1/admin/users/{userId}/methods/{methodId}"] = (Door.Any, AdminPermission.ManageMethods),
        ["POST /v1/admin/users/{userId}/revoke-all"] = (Door.FreshConsoleOnly, AdminPermission.RevokeMethods),
        ["POST /v1/admin/users/{userId}/pairing-offers"] = (Door.Any, AdminPermission.ManageMethods),
        ["GET /v1/admin/history"] = (Door.Any, AdminPermission.ReadHistory),
        ["GET /v1/admin/history/export"] = (Door.Any, AdminPermission.ReadHistory),
        ["GET /v1/admin/history/verify"] = (Door.Any, AdminPermission.ReadHistory),
        ["GET /v1/admin/audit"] = (Door.Any, AdminPermission.ReadHistory),
        ["GET /v1/admin/settings"] = (Door.Any, AdminPermission.ManageTenant),
        ["PUT /v1/admin/settings"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["DELETE /v1/admin/users/{userId}/totp-lock"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["DELETE /v1/admin/users/{userId}/push-block"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["POST /v1/admin/webhook-secret"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["GET /v1/admin/api-keys"] = (Door.Any, AdminPermission.ManageTenant),
        ["POST /v1/admin/api-keys"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["DELETE /v1/admin/api-keys/{keyId}"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["GET /v1/admin/oidc-clients"] = (Door.Any, AdminPermission.ManageTenant),
        ["POST /v1/admin/oidc-clients"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["GET /v1/admin/oidc-clients/{clientId}"] = (Door.Any, AdminPermission.ManageTenant),
        ["DELETE /v1/admin/oidc-clients/{clientId}"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["GET /v1/admin/event-subscriptions"] = (Door.Any, AdminPermission.ManageTenant),
        ["POST /v1/admin/event-subscriptions"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["DELETE /v1/admin/event-subscriptions/{subscriptionId}"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
        ["GET /v1/admin/event-deliveries"] = (Door.Any, AdminPermission.ManageTenant),
        ["POST /v1/admin/event-deliveries/{deliveryId}/replay"] = (Door.FreshIfConsole, AdminPermission.ManageTenant),
    };

    private static readonly string[] DoorCodes =
    [
        "auth.required", "auth.api-key", "console.signed-out", "auth.permission", "auth.console-only", "auth.high-assurance-required",
    ];

    private sealed record Caller(string Name, HttpClient Client, ApiKeyRole? Role, bool Console, bool Fresh);

    [Fact]
    public async Task EveryAdminAndConsoleRoute_NoCredentialEachKeyRoleEachConsoleRole_TurnedAwayExactlyAsTheTableSays()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Scenario.SqliteWithClockAsync(clock);
        var anonymous = s.ConsoleClient();
        var callers = new List<Caller> { new("no credential", anonymous, null, false, false) };
        foreach (var role in new[] { ApiKeyRole.LoginService, ApiKeyRole.ManageMfa, ApiKeyRole.Auditor, ApiKeyRole.Admin })
        {
            callers.Add(new($"{role} key", await s.KeyAsync(role.ToString()), role, false, false));
        }
        var stale = new List<Caller>();
        foreach (var role in new[] { ApiKeyRole.Auditor, ApiKeyRole.ManageMfa, ApiKeyRole.Admin })
        {
            stale.Add(new($"{role} console, stale passkey", await s.ConsoleAsync(role.ToString()), role, true, false));
        }
        // Six minutes on, the sessions above hold a stale assertion; these are fresh.
        clock.Advance(TimeSpan.FromMinutes(6));
        callers.AddRange(stale);
        foreach (var role in new[] { ApiKeyRole.Auditor, ApiKeyRole.ManageMfa, ApiKeyRole.Admin })
        {
            callers.Add(new($"{role} console", await s.ConsoleAsync(role.ToString()), role, true, true));
        }
        var doc = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operations = doc["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/v1/admin", StringComparison.Ordinal) || p.Key.StartsWith("/console/api", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete").Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();

        Assert.Equal(Table.Keys.Order(), operations.Order());
        var failures = new List<string>();
        var tried = 0;
        // Sign-out last: it ends the caller's sessions.
        foreach (var operation in operations.OrderBy(o => o == "POST /console/api/sign-out"))
        {
            var (door, permission) = Table[operation];
            foreach (var caller in callers)
            {
                var method = operation.Split(' ')[0];
                var path = operation.Split(' ')[1].Replace("{userId}", "matrix-user", StringComparison.Ordinal)
                    .Replace("{", "x-", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET" && method != "DELETE")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                using var response = await caller.Client.SendAsync(request);
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()
                    : null;
                var turnedAway = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && DoorCodes.Contains(code);
                var expected = !Admitted(door, permission, caller);
                tried++;
                if (turnedAway != expected)
                {
                    failures.Add($"{operation} by {caller.Name}: {(int)response.StatusCode} {code}, expected {(expected ? "turned away" : "let through")}");
                }
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{operation} by {caller.Name}: 500");
                }
            }
        }
        output.WriteLine($"{operations.Count} operations x {callers.Count} callers = {tried} calls");
        Assert.Empty(failures);
    }

    private static bool Admitted(Door door, AdminPermission permission, Caller caller) => door switch
    {
        Door.Open => true,
        Door.Session => caller.Console,
        Door.FreshSession => caller.Console && caller.Fresh,
        Door.Any => caller.Role is { } r && TenantRoles.Grants(r, permission),
        Door.FreshIfConsole => caller.Role is { } r && TenantRoles.Grants(r, permission) && (!caller.Console || caller.Fresh),
        Door.ConsoleOnly => caller.Console && TenantRoles.Grants(caller.Role!.Value, permission),
        Door.FreshConsoleOnly => caller.Console && caller.Fresh && TenantRoles.Grants(caller.Role!.Value, permission),
        _ => false,
    };
}
