using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>A tenant's settings and API keys, and lifting a user's TOTP lock, for its admins.</summary>
internal static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var admin = app.MapGroup("/v1/admin").WithTags("Admin");
        admin.MapGet("/settings", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<ITenantGrain>(http.GetAdmin().TenantId).GetSettingsAsync(ct)))
            .RequireAdmin(AdminPermission.ManageTenant).WithName("GetSettings").WithSummary("The tenant's settings");

        admin.MapPut("/settings", async (TenantSettings settings, HttpContext http, ITenantAdministration tenants, CancellationToken ct) =>
            TypedResults.Ok(await tenants.UpdateSettingsAsync(http.GetAdmin().AsLegacyCaller(), settings, http.Origin(), ct)))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("UpdateSettings").WithSummary("Replace the tenant's settings");

        admin.MapDelete("/users/{userId}/totp-lock", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId"))).ClearTotpLockAsync(caller.TenantId, caller.LegacyActor,
                http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("ClearTotpLock")
            .WithSummary("Lift a user's TOTP throttle or lock (after 100 consecutive failures)");

        admin.MapGet("/api-keys", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<ITenantGrain>(http.GetAdmin().TenantId).ListApiKeysAsync(ct)))
            .RequireAdmin(AdminPermission.ManageTenant).WithName("ListApiKeys").WithSummary("The tenant's API keys (never their secrets)");

        admin.MapPost("/api-keys", async Task<Created<IssuedApiKey>> (CreateApiKeyBody body, HttpContext http, ITenantAdministration tenants, CancellationToken ct) =>
        {
            var key = await tenants.IssueApiKeyAsync(http.GetAdmin().AsLegacyCaller(), body.Role ?? ApiKeyRole.LoginService, body.Name ?? "", http.Origin(), ct);
            return TypedResults.Created($"/v1/admin/api-keys/{key.KeyId}", key);
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("CreateApiKey")
            .WithSummary("Issue a key; Admin role delegates the Manage-MFA permission");

        admin.MapDelete("/api-keys/{keyId}", async (string keyId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            return await grains.GetGrain<ITenantGrain>(caller.TenantId).RevokeApiKeyAsync(keyId, caller.LegacyActor, http.Origin(), ct)
                ? TypedResults.NoContent()
                : throw ProblemCodes.Tenants.ApiKeyNotFound.Error("No such active key.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("RevokeApiKey").Problems(ProblemCodes.Tenants.ApiKeyNotFound).WithSummary("Revoke an API key");
    }
}
