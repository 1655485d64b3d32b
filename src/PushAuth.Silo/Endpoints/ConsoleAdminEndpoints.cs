using PushAuth.Abstractions;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Endpoints;

/// <summary>Who may sign in to the admin console: users of the tenant with a role, managed with the ManageTenant permission.</summary>
internal static class ConsoleAdminEndpoints
{
    public static void MapConsoleAdminEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var admin = app.MapGroup("/v1/admin/console-admins").RequireAdmin(AdminPermission.ManageTenant).WithTags("Admin console");
        admin.MapGet("", async (HttpContext http, ConsoleSessions sessions, CancellationToken ct) =>
            Results.Ok(new { admins = (await sessions.AdminsAsync(http.GetAdmin().TenantId, ct)).Admins }))
            .WithName("ListConsoleAdmins").WithSummary("The users who may sign in to the admin console, with their roles");
        admin.MapPut("", async (ConsoleAdminsBody body, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var admins = (body.Admins ?? throw PushAuthException.Invalid("admins.missing", "'admins' (a list of {userId, role}) is required."))
                .Select(a => new ConsoleAdmin(Validate.Identifier(a.UserId, "admins.userId"),
                    a.Role ?? throw PushAuthException.Invalid("admins.role.invalid", "Each admin needs a 'role': Admin, ManageMfa or Auditor.")))
                .ToList();
            var saved = await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).SetAsync(admins, principal.Actor, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            return Results.Ok(new { admins = saved.Admins });
        }).WithName("SetConsoleAdmins").WithSummary("Designate console admins (replaces the list)");
    }
}
