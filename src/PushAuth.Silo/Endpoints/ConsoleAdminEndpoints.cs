using System.Buffers.Text;
using System.Text.Json.Nodes;
using PushAuth.Abstractions;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// The admin plane's own management, from a console session only (no API key of any role reaches it): the tenant's
/// admins and their roles, one-time invitations (setup links), and each admin's own passkeys. Changes need a passkey
/// assertion within the high-assurance window.
/// </summary>
internal static class ConsoleAdminEndpoints
{
    public static void MapConsoleAdminEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var api = app.MapGroup("/console/api").WithTags("Admin console");

        api.MapGet("/admins", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(new { admins = (await grains.GetGrain<IConsoleAdminsGrain>(http.GetAdmin().TenantId).GetAsync(ct)).Admins.Select(AdminView) }))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.ConsoleOnly)
            .WithName("ListConsoleAdmins").WithSummary("The tenant's console admins, their roles and passkeys");

        api.MapPatch("/admins/{adminId}", async (string adminId, ConsoleAdminRoleBody body, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var role = body.Role ?? throw ProblemCodes.Console.RoleMissing.Error("'role' (Admin, ManageMfa or Auditor) is required.");
            var admin = await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).SetRoleAsync(adminId, role, principal.Actor, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            return Results.Ok(AdminView(admin));
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly)
            .WithName("SetConsoleAdminRole").WithSummary("Change an admin's role (never the last Admin's); their sessions end");

        api.MapDelete("/admins/{adminId}", async (string adminId, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var removed = await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).RemoveAsync(adminId, principal.Actor, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            return removed ? Results.NoContent() : throw ProblemCodes.Console.AdminNotFound.Error("No such admin.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly).Produces(StatusCodes.Status204NoContent)
            .WithName("RemoveConsoleAdmin").WithSummary("Remove an admin (never the last Admin); their sessions end");

        api.MapGet("/invitations", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(new { invitations = (await grains.GetGrain<IConsoleAdminsGrain>(http.GetAdmin().TenantId).GetAsync(ct)).Invitations.Select(InvitationView) }))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.ConsoleOnly)
            .WithName("ListConsoleInvitations").WithSummary("Open invitations (never their links)");

        api.MapPost("/invitations", async (ConsoleInvitationBody body, HttpContext http, AdminInvitations invitations, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var role = body.Role ?? throw ProblemCodes.Console.RoleMissing.Error("'role' (Admin, ManageMfa or Auditor) is required.");
            if (body.ValidityHours is { } hours && hours is < 1 or > 168)
            {
                throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("'validityHours' must be 1..168: an invitation lives up to 7 days.");
            }
            var (invitation, link) = await invitations.IssueAsync(http, principal.TenantId, role, body.ValidityHours is { } h ? TimeSpan.FromHours(h) : null, principal.Actor,
                IdentityEndpoints.Origin(http), ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/console/api/invitations/{invitation.InvitationId}", new
            {
                invitation.InvitationId, role = invitation.Role.ToString(), invitation.CreatedAt, invitation.ExpiresAt, invitation.CreatedBy, setupLink = link,
            });
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly).Produces(StatusCodes.Status201Created)
            .WithName("CreateConsoleInvitation").WithSummary("Invite an admin with a role: a one-time setup link, shown once");

        api.MapDelete("/invitations/{invitationId}", async (string invitationId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            return await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).RevokeInvitationAsync(invitationId, principal.Actor, IdentityEndpoints.Origin(http), ct)
                ? Results.NoContent()
                : throw ProblemCodes.Console.InvitationNotFound.Error("No such open invitation.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly).Produces(StatusCodes.Status204NoContent)
            .WithName("RevokeConsoleInvitation").WithSummary("Revoke an open invitation: its link stops working");

        api.MapGet("/me/passkeys", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var admin = (await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).GetAsync(ct)).Find(principal.ConsoleAdminId!)
                ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            return Results.Ok(new { passkeys = admin.Passkeys.Select(PasskeyView) });
        }).RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ListOwnPasskeys").WithSummary("Your passkeys: name, created, last used");

        api.MapPost("/me/passkeys/options", async (HttpContext http, IGrainFactory grains, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var admin = (await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).GetAsync(ct)).Find(principal.ConsoleAdminId!)
                ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            var creation = await ceremonies.BeginRegistrationAsync(http, PasskeyCeremony.AddPasskey, principal.TenantId, admin.AdminId, admin.DisplayName, admin.DisplayName,
                admin.Passkeys.Select(p => p.CredentialId), "", ct);
            return Results.Ok(new { publicKey = JsonNode.Parse(creation.ToJson()) });
        }).RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly)
            .WithName("AddOwnPasskeyOptions").WithSummary("Start adding a passkey: WebAuthn creation options");

        api.MapPost("/me/passkeys", async (PasskeyRegistrationBody body, HttpContext http, IGrainFactory grains, PasskeyCeremonies ceremonies, ConsoleSessions sessions,
            CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.AddPasskey, ct);
            if (ceremony is null || ceremony.TenantId != principal.TenantId || ceremony.AdminId != principal.ConsoleAdminId)
            {
                throw ConsoleEndpoints.CeremonyUnknown();
            }
            var name = Validate.Text(body.PasskeyName ?? "Passkey", "passkeyName", 64);
            var registered = await ceremonies.VerifyRegistrationAsync(http, ceremony, ConsoleEndpoints.Credential(body.Credential), ceremony.DisplayName, ct)
                ?? throw ConsoleEndpoints.RegistrationInvalid();
            PasskeyCeremonies.End(http);
            var credentialId = Base64Url.EncodeToString(registered.Id);
            var admin = await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).AddPasskeyAsync(principal.ConsoleAdminId!,
                new NewAdminPasskey(credentialId, name, registered.PublicKey, registered.SignCount, ceremony.Use), IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            return Results.Created($"/console/api/me/passkeys/{credentialId}", PasskeyView(admin.Passkey(credentialId)!));
        }).RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly).Produces(StatusCodes.Status201Created)
            .WithName("AddOwnPasskey").WithSummary("Finish adding a passkey with the authenticator's attestation");

        api.MapDelete("/me/passkeys/{credentialId}", async (string credentialId, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).RemovePasskeyAsync(principal.ConsoleAdminId!, credentialId, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            return Results.NoContent();
        }).RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly).Produces(StatusCodes.Status204NoContent)
            .WithName("RemoveOwnPasskey").WithSummary("Remove one of your passkeys (not the last one of the last Admin)");
    }

    private static object AdminView(ConsoleAdmin a) => new
    {
        a.AdminId, a.DisplayName, role = a.Role.ToString(), a.CreatedAt, a.CreatedBy, passkeys = a.Passkeys.Select(PasskeyView),
    };

    private static object PasskeyView(AdminPasskey p) => new { p.CredentialId, p.Name, p.CreatedAt, p.LastUsedAt };

    private static object InvitationView(AdminInvitation i) => new { i.InvitationId, role = i.Role.ToString(), i.CreatedAt, i.ExpiresAt, i.CreatedBy };
}
