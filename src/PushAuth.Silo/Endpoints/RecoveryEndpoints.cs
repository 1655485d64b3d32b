using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// Admin recovery of a user's MFA (the "Resolve MFA access issues" seed): look a user up, temporary codes, disconnect a
/// method, revoke everything after a loss or theft, a QR pairing offer for the new phone. By API key or console session;
/// temporary codes and revoke-all need a console sign-in from the last few minutes.
/// </summary>
internal static class RecoveryEndpoints
{
    public static void MapRecoveryEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var users = app.MapGroup("/v1/admin/users/{userId}").WithTags("Admin recovery");

        users.MapGet("", async (string userId, HttpContext http, IUserRecoveryService recovery, CancellationToken ct) =>
            TypedResults.Ok(UserRecoveryResponse.Of(await recovery.GetAsync(http.GetAdmin().AsCaller(), userId, ct))))
            .RequireAdmin(AdminPermission.ReadUsers).WithName("GetUserRecovery").WithSummary("A user's methods, temporary code, push state and recent activity");

        users.MapPost("/temporary-codes", async Task<Created<IssuedTemporaryCode>> (string userId, IssueTemporaryCodeBody body, HttpContext http,
            IUserRecoveryService recovery, CancellationToken ct) =>
        {
            var issued = await recovery.IssueTemporaryCodeAsync(http.GetAdmin().AsCaller(), userId, body.ValidityHours, body.LoginServiceKeyId, http.Origin(), ct);
            http.Response.Headers.CacheControl = "no-store";
            RateLimitReport.Add(issued.RateLimit);
            return TypedResults.Created($"/v1/admin/users/{userId}/temporary-codes", issued);
        }).RequireAdmin(AdminPermission.IssueTemporaryCodes, AdminAssurance.FreshConsoleOnly).ReportsGrainRateLimits()
            .WithName("IssueTemporaryCode").Problems(ProblemCodes.Users.TemporaryCodeRateLimited).WithSummary("A temporary verification code (1-24 h), shown once; needs a recent console sign-in");

        users.MapDelete("/temporary-codes", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            return TypedResults.Ok(new TemporaryCodesExpired(await User(grains, principal, userId).ExpireTemporaryCodesAsync(principal.TenantId, principal.Actor, http.Origin(), ct)));
        }).RequireAdmin(AdminPermission.IssueTemporaryCodes).WithName("ExpireTemporaryCodes").WithSummary("Expire all of a user's temporary codes");

        users.MapDelete("/methods/{methodId}", async (string userId, string methodId, string? reason, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var why = Reasons.Disconnect(reason);
            _ = await User(grains, principal, userId).DisconnectAsync(principal.TenantId, methodId, principal.Actor, why, http.Origin(), ct)
                ?? throw ProblemCodes.Users.MethodNotFound.Error("No such verification method.");
            return TypedResults.NoContent();
        }).RequireAdmin(AdminPermission.ManageMethods).WithName("AdminDisconnectMethod").Problems(ProblemCodes.Users.MethodNotFound).WithSummary("Disconnect a method; its pending challenges end");

        users.MapPost("/revoke-all", async (string userId, RevokeAllBody body, HttpContext http, IUserRecoveryService recovery, CancellationToken ct) =>
            TypedResults.Ok(RevocationResponse.Of(await recovery.RevokeAllAsync(http.GetAdmin().AsCaller(), userId, body.Reason, body.LostSince, http.Origin(), ct))))
            .RequireAdmin(AdminPermission.RevokeMethods, AdminAssurance.FreshConsoleOnly)
            .WithName("RevokeAll").WithSummary("Lost or stolen: revoke every method, cancel pending challenges, block push until a new pairing, user.mfa.revoked webhook");

        users.MapPost("/pairing-offers", async Task<Created<QrPairingOffer>> (string userId, AdminPairingOfferBody? body, HttpContext http, IPairingService pairings,
            PublicLinks links, CancellationToken ct) =>
        {
            var service = Validate.Text(body?.ServiceName ?? "New phone", "serviceName", 100);
            var offer = await pairings.CreateOfferAsync(http.GetAdmin().AsCaller(), Validate.Identifier(userId, "userId"), service, links.BaseUri(http), http.Origin(), ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Created($"/v1/pairings/{offer.PairingId}", new QrPairingOffer(offer.PairingId, offer.Uri, offer.ExpiresAt, QrCodes.PngDataUri(offer.Uri)));
        }).RequireAdmin(AdminPermission.ManageMethods).WithName("AdminPairingOffer").WithSummary("A QR pairing offer (PNG data URI) for the user's new phone");
    }

    private static IUserGrain User(IGrainFactory grains, AdminPrincipal principal, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(principal.TenantId, Validate.Identifier(userId, "userId")));
}
