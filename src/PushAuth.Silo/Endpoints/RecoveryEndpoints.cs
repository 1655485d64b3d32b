using PushAuth.Abstractions;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Endpoints.Identity;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// Admin recovery of a user's MFA (the "Resolve MFA access issues" seed): look a user up, temporary codes, disconnect a
/// method, revoke everything after a loss or theft, a QR pairing offer for the new phone. By API key or console session;
/// temporary codes and revoke-all need a console sign-in from the last few minutes.
/// </summary>
internal static class RecoveryEndpoints
{
    private const int RecentActivity = 20;

    public static void MapRecoveryEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var users = app.MapGroup("/v1/admin/users/{userId}").WithTags("Admin recovery");

        users.MapGet("", async (string userId, HttpContext http, IGrainFactory grains, IHistoryStore history, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var status = await User(grains, principal, userId).GetRecoveryStatusAsync(principal.TenantId, ct);
            var activity = TenantRoles.Grants(principal.Role, AdminPermission.ReadHistory)
                ? (await history.QueryAsync(new HistoryQuery(principal.TenantId, UserId: userId, Limit: RecentActivity), ct)).Select(HistoryEntryView.Of).ToList()
                : null;
            return Results.Ok(new
            {
                userId, status.Exists, status.Methods, temporaryCode = status.TemporaryCode, status.CodesIssuedInLastHour, status.PushRevokedAt, status.PushStatus,
                recentActivity = activity,
            });
        }).RequireAdmin(AdminPermission.ReadUsers).WithName("GetUserRecovery").WithSummary("A user's methods, temporary code, push state and recent activity");

        users.MapPost("/temporary-codes", async (string userId, IssueTemporaryCodeBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            if (body.ValidityHours is not { } hours || hours is < 1 or > 24)
            {
                throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("'validityHours' must be 1..24: a temporary code lives between 1 and 24 hours.");
            }
            var keyId = body.LoginServiceKeyId is null ? null : await LoginServiceKeyAsync(grains, principal.TenantId, body.LoginServiceKeyId, ct);
            var issued = await User(grains, principal, userId).IssueTemporaryCodeAsync(principal.TenantId, new TemporaryCodeRequest(TimeSpan.FromHours(hours), keyId),
                principal.Actor, IdentityEndpoints.Origin(http), ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/v1/admin/users/{userId}/temporary-codes", issued);
        }).RequireAdmin(AdminPermission.IssueTemporaryCodes, AdminAssurance.FreshConsoleOnly)
            .Produces(StatusCodes.Status201Created).WithName("IssueTemporaryCode").WithSummary("A temporary verification code (1-24 h), shown once; needs a recent console sign-in");

        users.MapDelete("/temporary-codes", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var expired = await User(grains, principal, userId).ExpireTemporaryCodesAsync(principal.TenantId, principal.Actor, IdentityEndpoints.Origin(http), ct);
            return Results.Ok(new { expired });
        }).RequireAdmin(AdminPermission.IssueTemporaryCodes).WithName("ExpireTemporaryCodes").WithSummary("Expire all of a user's temporary codes");

        users.MapDelete("/methods/{methodId}", async (string userId, string methodId, string? reason, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            if (reason is not (null or "lost" or "stolen" or "broken" or "replaced" or "other"))
            {
                throw ProblemCodes.Challenges.ReasonInvalid.Error("'reason' must be lost, stolen, broken, replaced or other.");
            }
            _ = await User(grains, principal, userId).DisconnectAsync(principal.TenantId, methodId, principal.Actor, reason ?? "other", IdentityEndpoints.Origin(http), ct)
                ?? throw ProblemCodes.Users.MethodNotFound.Error("No such verification method.");
            return Results.NoContent();
        }).RequireAdmin(AdminPermission.ManageMethods).Produces(StatusCodes.Status204NoContent).WithName("AdminDisconnectMethod").WithSummary("Disconnect a method; its pending challenges end");

        users.MapPost("/revoke-all", async (string userId, RevokeAllBody body, HttpContext http, IGrainFactory grains, IHistoryStore history, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            if (body.Reason is not ("lost" or "stolen"))
            {
                throw ProblemCodes.Challenges.ReasonInvalid.Error("'reason' must be lost or stolen.");
            }
            var result = await User(grains, principal, userId).RevokeAllAsync(principal.TenantId, body.Reason, principal.Actor, IdentityEndpoints.Origin(http), ct)
                ?? throw ProblemCodes.Users.NotFound.Error("No such user in this tenant.");
            var (lastGood, since) = await ActivitySinceLastGoodAsync(history, principal.TenantId, userId, body.LostSince ?? result.RevokedAt, ct);
            return Results.Ok(new
            {
                result.RevokedMethods, result.CancelledChallenges, result.RemovedAutoApproveRules, result.RevokedAt,
                lastKnownGood = lastGood is null ? null : HistoryEntryView.Of(lastGood),
                activitySinceLastKnownGood = since.Select(HistoryEntryView.Of),
            });
        }).RequireAdmin(AdminPermission.RevokeMethods, AdminAssurance.FreshConsoleOnly)
            .WithName("RevokeAll").WithSummary("Lost or stolen: revoke every method, cancel pending challenges, block push until a new pairing, user.mfa.revoked webhook");

        users.MapPost("/pairing-offers", async (string userId, AdminPairingOfferBody? body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var service = Validate.Text(body?.ServiceName ?? "New phone", "serviceName", 100);
            var (offerId, uri, expiresAt) = await PairingOffers.CreateAsync(http, grains, options, principal.TenantId, Validate.Identifier(userId, "userId"), service, principal.Actor, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/v1/pairings/{offerId}", new { pairingId = offerId, uri, expiresAt, qrCode = QrCodes.PngDataUri(uri) });
        }).RequireAdmin(AdminPermission.ManageMethods).Produces(StatusCodes.Status201Created).WithName("AdminPairingOffer").WithSummary("A QR pairing offer (PNG data URI) for the user's new phone");
    }

    /// <summary>The last successful verification before <paramref name="before"/> and everything since it (newest first).</summary>
    private static async Task<(HistoryRecord? LastGood, IReadOnlyList<HistoryRecord> Since)> ActivitySinceLastGoodAsync(IHistoryStore history, string tenantId, string userId,
        DateTimeOffset before, CancellationToken ct)
    {
        HistoryRecord? lastGood = null;
        foreach (var status in new[] { "approved", "accepted" })
        {
            var hit = (await history.QueryAsync(new HistoryQuery(tenantId, UserId: userId, Status: status, To: before, Limit: 1), ct)).FirstOrDefault();
            if (hit is not null && (lastGood is null || hit.Sequence > lastGood.Sequence))
            {
                lastGood = hit;
            }
        }
        var since = await history.QueryAsync(new HistoryQuery(tenantId, UserId: userId, From: lastGood?.Event.At, Limit: 200), ct);
        return (lastGood, since);
    }

    /// <summary>The key id a temporary code may be limited to: an active key of this tenant with the login-service API.</summary>
    private static async Task<string> LoginServiceKeyAsync(IGrainFactory grains, string tenantId, string keyId, CancellationToken ct)
    {
        var keys = await grains.GetGrain<ITenantGrain>(tenantId).ListApiKeysAsync(ct);
        return keys.FirstOrDefault(k => k.KeyId == keyId && !k.Revoked && TenantRoles.Grants(k.Role, AdminPermission.LoginApi))?.KeyId
            ?? throw ProblemCodes.Tenants.LoginServiceKeyUnknown.Error("'loginServiceKeyId' must be the keyId of an active login-service key of this tenant.");
    }

    private static IUserGrain User(IGrainFactory grains, AdminPrincipal principal, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(principal.TenantId, Validate.Identifier(userId, "userId")));
}
