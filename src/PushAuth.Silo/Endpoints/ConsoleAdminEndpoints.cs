using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Http;

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
            TypedResults.Ok(new ConsoleAdminList((await Directory(grains, http.GetAdmin()).GetAsync(ct)).Admins.Select(ConsoleAdminView.Of))))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.ConsoleOnly)
            .WithName("ListConsoleAdmins").WithSummary("The tenant's console admins, their roles and passkeys");

        api.MapPatch("/admins/{adminId}", async (string adminId, ConsoleAdminRoleBody body, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var role = body.Role ?? throw ProblemCodes.Console.RoleMissing.Error("'role' (Admin, ManageMfa or Auditor) is required.");
            var admin = await Directory(grains, principal).SetRoleAsync(adminId, role, principal.Actor, http.Origin(), ct);
            sessions.Forget(principal.TenantId);
            return TypedResults.Ok(ConsoleAdminView.Of(admin));
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly)
            .WithName("SetConsoleAdminRole").WithSummary("Change an admin's role (never the last Admin's); their sessions end");

        api.MapDelete("/admins/{adminId}", async (string adminId, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var removed = await Directory(grains, principal).RemoveAsync(adminId, principal.Actor, http.Origin(), ct);
            sessions.Forget(principal.TenantId);
            return removed ? TypedResults.NoContent() : throw ProblemCodes.Console.AdminNotFound.Error("No such admin.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly)
            .WithName("RemoveConsoleAdmin").WithSummary("Remove an admin (never the last Admin); their sessions end");

        api.MapGet("/invitations", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(new InvitationList((await Directory(grains, http.GetAdmin()).GetAsync(ct)).Invitations.Select(InvitationView.Of))))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.ConsoleOnly)
            .WithName("ListConsoleInvitations").WithSummary("Open invitations (never their links)");

        api.MapPost("/invitations", async Task<Created<InvitationCreated>> (ConsoleInvitationBody body, HttpContext http, AdminInvitations invitations, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var role = body.Role ?? throw ProblemCodes.Console.RoleMissing.Error("'role' (Admin, ManageMfa or Auditor) is required.");
            if (body.ValidityHours is { } hours && hours is < 1 or > 168)
            {
                throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("'validityHours' must be 1..168: an invitation lives up to 7 days.");
            }
            var (invitation, link) = await invitations.IssueAsync(http, principal.TenantId, role, body.ValidityHours is { } h ? TimeSpan.FromHours(h) : null, principal.Actor,
                http.Origin(), ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Created($"/console/api/invitations/{invitation.InvitationId}", new InvitationCreated(invitation.InvitationId, invitation.Role.ToString(),
                invitation.CreatedAt, invitation.ExpiresAt, invitation.CreatedBy, link));
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly)
            .WithName("CreateConsoleInvitation").WithSummary("Invite an admin with a role: a one-time setup link, shown once");

        api.MapDelete("/invitations/{invitationId}", async (string invitationId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            return await Directory(grains, principal).RevokeInvitationAsync(invitationId, principal.Actor, http.Origin(), ct)
                ? TypedResults.NoContent()
                : throw ProblemCodes.Console.InvitationNotFound.Error("No such open invitation.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshConsoleOnly)
            .WithName("RevokeConsoleInvitation").WithSummary("Revoke an open invitation: its link stops working");

        api.MapGet("/me/passkeys", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var admin = (await Directory(grains, principal).GetAsync(ct)).Find(principal.ConsoleAdminId!) ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            return TypedResults.Ok(new PasskeyList(admin.Passkeys.Select(PasskeyView.Of)));
        }).RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ListOwnPasskeys").WithSummary("Your passkeys: name, created, last used");

        api.MapPost("/me/passkeys/options", async (HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
            TypedResults.Ok(new PasskeyOptions(await console.AddPasskeyOptionsAsync(http, http.GetAdmin(), ct))))
            .RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly)
            .WithName("AddOwnPasskeyOptions").WithSummary("Start adding a passkey: WebAuthn creation options");

        api.MapPost("/me/passkeys", async Task<Created<PasskeyView>> (PasskeyRegistrationBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            var passkey = await console.AddPasskeyAsync(http, http.GetAdmin(), body.Credential, body.PasskeyName, ct);
            return TypedResults.Created($"/console/api/me/passkeys/{passkey.CredentialId}", PasskeyView.Of(passkey));
        }).RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly)
            .WithName("AddOwnPasskey").WithSummary("Finish adding a passkey with the authenticator's attestation");

        api.MapDelete("/me/passkeys/{credentialId}", async (string credentialId, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            await Directory(grains, principal).RemovePasskeyAsync(principal.ConsoleAdminId!, credentialId, http.Origin(), ct);
            sessions.Forget(principal.TenantId);
            return TypedResults.NoContent();
        }).RequireAdmin(AdminPermission.None, AdminAssurance.FreshConsoleOnly)
            .WithName("RemoveOwnPasskey").WithSummary("Remove one of your passkeys (not the last one of the last Admin)");
    }

    private static IConsoleAdminsGrain Directory(IGrainFactory grains, AdminPrincipal principal) => grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId);
}
