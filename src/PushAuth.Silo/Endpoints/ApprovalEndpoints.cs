using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PushAuth.Abstractions;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Approvals;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Tenants;

namespace PushAuth.Silo.Endpoints;

/// <summary>Push-approval (challenge) endpoints: thin translations from HTTP to grain calls and back.</summary>
internal static class ApprovalEndpoints
{
    public static void MapApprovalEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (options.ServesApi)
        {
            MapLoginServiceEndpoints(app);
        }
        if (options.ServesGateway)
        {
            MapDeviceEndpoints(app);
        }
    }

    private static void MapLoginServiceEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").RequireApiKey().WithTags("Push approvals");

        api.MapPost("/challenges", async (CreateChallengeBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var request = body.WebhookUrl is null ? body.ToRequest(idempotencyKey) : await WithWebhookAsync(http, grains, caller.TenantId, body, idempotencyKey, ct);
            var view = await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, request.UserId))
                .CreateChallengeAsync(caller.TenantId, request.UserId, request, Origin(http), ct);
            return Results.Created($"/v1/challenges/{view.ChallengeId}", view);
        }).Produces<ChallengeView>(StatusCodes.Status201Created).WithName("CreateChallenge").WithSummary("Ask a user for a push approval");

        api.MapGet("/challenges/{challengeId}", async (string challengeId, int? wait, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var tenantId = http.GetApiCaller().TenantId;
            LongPoll.EnsureValidWait(wait);
            var user = grains.GetGrain<IUserGrain>(UserOf(challengeId));
            var view = await LongPoll.ReadAsync(http, wait,
                async (left, token) => await user.WaitForChallengeAsync(tenantId, challengeId, left, token) ?? throw NotFound(),
                v => v.Status == ChallengeStatus.Pending, ct);
            return Results.Ok(view);
        }).WithName("GetChallenge").WithSummary("Read a challenge; wait=N long-polls up to N seconds for the decision");

        api.MapPost("/challenges/{challengeId}/cancel", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var view = await grains.GetGrain<IUserGrain>(UserOf(challengeId)).CancelChallengeAsync(caller.TenantId, challengeId, Origin(http), ct) ?? throw NotFound();
            return Results.Ok(view);
        }).WithName("CancelChallenge").WithSummary("Cancel a pending challenge");

        api.MapGet("/users/{userId}/push-status", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await User(http, grains, userId).GetBlockStatusAsync(http.GetApiCaller().TenantId, ct)))
            .WithName("GetPushStatus").WithSummary("Whether pushes for a user are blocked (push-fatigue protection)");

        api.MapGet("/users/{userId}/auto-approve-rules", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await User(http, grains, userId).ListAutoApproveRulesAsync(http.GetApiCaller().TenantId, ct)))
            .WithName("ListAutoApproveRules");

        api.MapDelete("/users/{userId}/auto-approve-rules/{ruleId}", async (string userId, string ruleId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            return await User(http, grains, userId).RemoveAutoApproveRuleAsync(caller.TenantId, ruleId, $"{caller.Role}:{caller.KeyId}", Origin(http), ct)
                ? Results.NoContent()
                : throw PushAuthException.NotFound("rule.not-found", "No such rule.");
        }).Produces(StatusCodes.Status204NoContent).WithName("RemoveAutoApproveRule");

        var admin = app.MapGroup("/v1/admin").WithTags("Admin");
        admin.MapDelete("/users/{userId}/push-block", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId"))).ClearBlockAsync(caller.TenantId, caller.LegacyActor, Origin(http), ct);
            return Results.NoContent();
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Produces(StatusCodes.Status204NoContent).WithName("ClearPushBlock").WithSummary("Lift a push-fatigue block early");

        admin.MapPost("/webhook-secret", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(new { secret = await grains.GetGrain<IWebhookSecretGrain>(http.GetAdmin().TenantId).RotateAsync(ct) })).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole)
            .WithName("RotateWebhookSecret").WithSummary("Create or rotate the tenant's webhook signing secret (shown once)");
    }

    private static void MapDeviceEndpoints(IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Device approvals");

        device.MapGet("/challenges", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var pending = new List<DeviceChallengeView>();
            foreach (var userKey in await grains.GetGrain<IDeviceGrain>(deviceId).GetPairedUserKeysAsync(ct))
            {
                pending.AddRange(await grains.GetGrain<IUserGrain>(userKey).PendingForDeviceAsync(deviceId, ct));
            }
            return Results.Ok(pending.OrderByDescending(c => c.CreatedAt));
        }).WithName("PullChallenges").WithSummary("Pending challenges for this device (works without any push)");

        device.MapGet("/challenges/{challengeId}", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IUserGrain>(UserOf(challengeId)).GetChallengeForDeviceAsync(challengeId, http.GetDeviceId(), ct) ?? throw NotFound()))
            .WithName("GetDeviceChallenge");

        device.MapPost("/challenges/{challengeId}/answer", async (string challengeId, AnswerBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var answer = body.ToAnswer(http.GetDeviceId());
            var outcome = await grains.GetGrain<IUserGrain>(UserOf(challengeId)).AnswerAsync(challengeId, answer, Origin(http), ct);
            return outcome.Accepted ? Results.Ok(outcome) : throw Rejection(outcome);
        }).WithName("AnswerChallenge").WithSummary("Approve or deny, signed with the device key");

        device.MapPost("/auto-approve-rules", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            // A rule approves future logins without the phone: a session token alone (which a stolen phone's app still
            // holds for minutes) is not enough; the device key signs this request.
            var deviceId = http.GetDeviceId();
            await SignedRequest.VerifyAsync(http, deviceId, ct);
            var body = await JsonBody.ReadAsync<AutoApproveRuleBody>(http, ct);
            var rule = await grains.GetGrain<IUserGrain>(UserOf(body.ChallengeId)).RequestAutoApproveRuleAsync(body.ChallengeId!, deviceId, ct);
            return Results.Ok(rule);
        }).Accepts<AutoApproveRuleBody>("application/json")
            .WithName("RequestAutoApproveRule").WithSummary("Ask for a location-based auto-approve rule after repeated approvals (signed request)");
    }

    /// <summary>A webhook needs a target the tenant may reach (public, or listed in its settings) and a secret to be signed
    /// with (else the first delivery would be signed with a secret nobody has seen).</summary>
    private static async Task<CreateChallengeRequest> WithWebhookAsync(HttpContext http, IGrainFactory grains, string tenantId, CreateChallengeBody body,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = await http.RequestServices.GetRequiredService<TenantSettingsCache>().GetAsync(tenantId, cancellationToken);
        var request = body.ToRequest(idempotencyKey, http.RequestServices.GetRequiredService<WebhookTargets>().AllowedHosts(settings));
        if (await grains.GetGrain<IWebhookSecretGrain>(tenantId).GetAsync(cancellationToken) is null)
        {
            throw PushAuthException.Conflict("webhook.no-secret", "The tenant has no webhook signing secret yet: an admin creates it with POST /v1/admin/webhook-secret.");
        }
        return request;
    }

    private static IUserGrain User(HttpContext http, IGrainFactory grains, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(http.GetApiCaller().TenantId, Validate.Identifier(userId, "userId")));

    /// <summary>The user grain a challenge id names, found without any grain call: malformed ids are a 400, well-formed
    /// ids that no challenge of ours can have are simply not found.</summary>
    private static string UserOf(string? challengeId)
    {
        if (challengeId is not { Length: > 3 and <= 64 } || !challengeId.StartsWith("ch_", StringComparison.Ordinal)
            || !challengeId.Skip(3).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw PushAuthException.Invalid("challengeId.invalid", "Not a challenge id.");
        }
        return GrainKeys.UserOfChallenge(challengeId) ?? throw NotFound();
    }

    private static PushAuthException NotFound() => PushAuthException.NotFound("challenge.not-found", "No such challenge.");

    private static PushAuthException Rejection(AnswerOutcome outcome) => outcome.RejectionCode switch
    {
        "challenge.not-found" or "challenge.not-a-target" => NotFound(),
        "challenge.bad-signature" => PushAuthException.Unauthenticated("challenge.bad-signature", "The answer's signature or nonce does not verify with this device's key (sign the PA2-ANSWER string, reason included)."),
        "challenge.device-not-paired" => PushAuthException.Forbidden("challenge.device-not-paired", "This device is no longer paired with the user."),
        "challenge.number-mismatch" => PushAuthException.Conflict("challenge.number-mismatch", "The number does not match the login page; the challenge is denied."),
        _ => PushAuthException.Conflict("challenge.already-resolved", $"The challenge is already {outcome.Status.ToString().ToLowerInvariant()}."),
    };

    private static RequestOrigin Origin(HttpContext http) => IdentityEndpoints.Origin(http);
}
