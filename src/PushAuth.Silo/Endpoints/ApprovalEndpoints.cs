using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PushAuth.Abstractions;
using PushAuth.Grains.Challenges;
using PushAuth.Hosting;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Approvals;

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
            var request = body.ToRequest(idempotencyKey);
            var view = await grains.GetGrain<IUserPushGrain>(GrainKeys.User(caller.TenantId, request.UserId)).CreateChallengeAsync(request, Origin(http), ct);
            return Results.Created($"/v1/challenges/{view.ChallengeId}", view);
        }).WithName("CreateChallenge").WithSummary("Ask a user for a push approval");

        api.MapGet("/challenges/{challengeId}", async (string challengeId, int? wait, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var grain = grains.GetGrain<IChallengeGrain>(ValidChallengeId(challengeId));
            var view = await LongPoll.ReadAsync(http, ChallengeGrain.Topic(challengeId), wait,
                async token => await grain.GetAsync(caller.TenantId, token) ?? throw NotFound(),
                v => v.Status == ChallengeStatus.Pending, v => v.ExpiresAt, ct);
            return Results.Ok(view);
        }).WithName("GetChallenge").WithSummary("Read a challenge; wait=N long-polls up to N seconds for the decision");

        api.MapPost("/challenges/{challengeId}/cancel", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var view = await grains.GetGrain<IChallengeGrain>(ValidChallengeId(challengeId)).CancelAsync(caller.TenantId, Origin(http), ct) ?? throw NotFound();
            return Results.Ok(view);
        }).WithName("CancelChallenge").WithSummary("Cancel a pending challenge");

        api.MapGet("/users/{userId}/push-status", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await UserPush(http, grains, userId).GetBlockStatusAsync(ct)))
            .WithName("GetPushStatus").WithSummary("Whether pushes for a user are blocked (push-fatigue protection)");

        api.MapGet("/users/{userId}/auto-approve-rules", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await UserPush(http, grains, userId).ListAutoApproveRulesAsync(ct)))
            .WithName("ListAutoApproveRules");

        api.MapDelete("/users/{userId}/auto-approve-rules/{ruleId}", async (string userId, string ruleId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            await UserPush(http, grains, userId).RemoveAutoApproveRuleAsync(ruleId, ct) ? Results.NoContent() : throw PushAuthException.NotFound("rule.not-found", "No such rule."))
            .WithName("RemoveAutoApproveRule");

        var admin = app.MapGroup("/v1/admin").RequireApiKey(ApiKeyRole.Admin).WithTags("Admin");
        admin.MapDelete("/users/{userId}/push-block", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            await UserPush(http, grains, userId).ClearBlockAsync(Origin(http), "admin:" + http.GetApiCaller().KeyId, ct);
            return Results.NoContent();
        }).WithName("ClearPushBlock").WithSummary("Lift a push-fatigue block early");

        admin.MapPost("/webhook-secret", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(new { secret = await grains.GetGrain<IWebhookSecretGrain>(http.GetApiCaller().TenantId).RotateAsync(ct) }))
            .WithName("RotateWebhookSecret").WithSummary("Create or rotate the tenant's webhook signing secret (shown once)");
    }

    private static void MapDeviceEndpoints(IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Device approvals");

        device.MapGet("/challenges", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var inbox = grains.GetGrain<IDeviceInboxGrain>(deviceId);
            var pending = new List<DeviceChallengeView>();
            var done = new List<string>();
            foreach (var id in await inbox.GetAsync(ct))
            {
                var view = await grains.GetGrain<IChallengeGrain>(id).GetForDeviceAsync(deviceId, ct);
                if (view is { Status: ChallengeStatus.Pending })
                {
                    pending.Add(view);
                }
                else
                {
                    done.Add(id);
                }
            }
            if (done.Count > 0)
            {
                await inbox.RemoveAsync(done, ct);
            }
            return Results.Ok(pending);
        }).WithName("PullChallenges").WithSummary("Pending challenges for this device (works without any push)");

        device.MapGet("/challenges/{challengeId}", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IChallengeGrain>(ValidChallengeId(challengeId)).GetForDeviceAsync(http.GetDeviceId(), ct) ?? throw NotFound()))
            .WithName("GetDeviceChallenge");

        device.MapPost("/challenges/{challengeId}/answer", async (string challengeId, AnswerBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var answer = body.ToAnswer(http.GetDeviceId());
            var outcome = await grains.GetGrain<IChallengeGrain>(ValidChallengeId(challengeId)).AnswerAsync(answer, Origin(http), ct);
            return outcome.Accepted ? Results.Ok(outcome) : throw Rejection(outcome);
        }).WithName("AnswerChallenge").WithSummary("Approve or deny, signed with the device key");

        device.MapPost("/auto-approve-rules", async (AutoApproveRuleBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var challenge = await grains.GetGrain<IChallengeGrain>(ValidChallengeId(body.ChallengeId)).GetForDeviceAsync(deviceId, ct) ?? throw NotFound();
            var rule = await grains.GetGrain<IUserPushGrain>(GrainKeys.User(challenge.TenantId, challenge.UserId))
                .RequestAutoApproveRuleAsync(deviceId, challenge.ChallengeId, ct);
            return Results.Ok(rule);
        }).WithName("RequestAutoApproveRule").WithSummary("Ask for a location-based auto-approve rule after repeated approvals");
    }

    private static IUserPushGrain UserPush(HttpContext http, IGrainFactory grains, string userId) =>
        grains.GetGrain<IUserPushGrain>(GrainKeys.User(http.GetApiCaller().TenantId, Validate.Identifier(userId, "userId")));

    private static string ValidChallengeId(string? id) =>
        id is { Length: > 3 and <= 64 } && id.StartsWith("ch_", StringComparison.Ordinal) && id.Skip(3).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw PushAuthException.Invalid("challengeId.invalid", "Not a challenge id.");

    private static PushAuthException NotFound() => PushAuthException.NotFound("challenge.not-found", "No such challenge.");

    private static PushAuthException Rejection(AnswerOutcome outcome) => outcome.RejectionCode switch
    {
        "challenge.not-found" or "challenge.not-a-target" => NotFound(),
        "challenge.bad-signature" => PushAuthException.Unauthenticated("challenge.bad-signature", "The answer's signature or nonce does not verify with this device's key."),
        "challenge.device-not-paired" => PushAuthException.Forbidden("challenge.device-not-paired", "This device is no longer paired with the user."),
        "challenge.number-mismatch" => PushAuthException.Conflict("challenge.number-mismatch", "The number does not match the login page; the challenge is denied."),
        _ => PushAuthException.Conflict("challenge.already-resolved", $"The challenge is already {outcome.Status.ToString().ToLowerInvariant()}."),
    };

    private static RequestOrigin Origin(HttpContext http) => IdentityEndpoints.Origin(http);
}
