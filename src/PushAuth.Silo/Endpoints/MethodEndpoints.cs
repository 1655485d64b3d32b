using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>A user's verification methods for login services: what the login page may offer, the methods, TOTP.</summary>
internal static class MethodEndpoints
{
    public static void MapMethodEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var api = app.MapGroup("/v1/users/{userId}").RequireApiKey().WithTags("Pairing and methods");

        api.MapGet("/pre-check", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            return TypedResults.Ok(await User(grains, caller, userId).PreCheckAsync(caller.TenantId, caller.KeyId, ct));
        }).WithName("PreCheck")
            .WithSummary("Before the prompt: is the user enrolled, and which methods are usable now (push devices, TOTP, a temporary code, a push block)");

        api.MapGet("/methods", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            return TypedResults.Ok(await User(grains, caller, userId).ListMethodsAsync(caller.TenantId, ct));
        }).WithName("ListMethods").WithSummary("A user's verification methods");

        api.MapDelete("/methods/{methodId}", async (string userId, string methodId, string? reason, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var why = Reasons.Disconnect(reason);
            // One decision in the user grain: the method, its pending challenges and rules go; the device is told after.
            _ = await User(grains, caller, userId).DisconnectAsync(caller.TenantId, methodId, caller.AsCaller().Actor, why, http.Origin(), ct)
                ?? throw ProblemCodes.Users.MethodNotFound.Error("No such verification method.");
            return TypedResults.NoContent();
        }).WithName("DisconnectMethod").Problems(ProblemCodes.Users.MethodNotFound).WithSummary("Disconnect a lost, stolen or broken method; its pending challenges end");

        api.MapPost("/totp", async Task<Created<TotpEnrollment>> (string userId, EnrollTotpBody? body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var deviceId = body?.DeviceId is null ? null : RouteIds.Device(body.DeviceId);
            var enrollment = await User(grains, caller, userId).EnrollTotpAsync(caller.TenantId, userId, deviceId, http.Origin(), ct);
            return TypedResults.Created($"/v1/users/{userId}/methods/{enrollment.MethodId}", enrollment);
        }).WithName("EnrollTotp").WithSummary("A new TOTP credential: otpauth:// URI and secret, shown once");

        api.MapPost("/totp/verify", async (string userId, VerifyTotpBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var code = body.Code ?? "";
            if (code.Length is 0 or > 10)
            {
                throw ProblemCodes.Users.CodeInvalid.Error("'code' must be the 6 or 8 digits from the authenticator.");
            }
            // The same check accepts a temporary code an admin issued (limited, if so, to this caller's key id).
            var result = await User(grains, caller, userId).VerifyCodeAsync(caller.TenantId, code, caller.KeyId, http.Origin(), ct);
            if (result.RetryAfter is { } retry)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            return TypedResults.Ok(new CodeCheck(result.Valid, result.MethodId, result.Method));
        }).WithName("VerifyTotp").WithSummary("Check a TOTP code or a temporary code (each TOTP code is accepted once)");
    }

    private static IUserGrain User(IGrainFactory grains, ApiCaller caller, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId")));
}
