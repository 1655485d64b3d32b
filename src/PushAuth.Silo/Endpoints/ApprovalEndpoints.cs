using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Approvals;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>Push-approval (challenge) endpoints: each binds, makes one grain call (or one service call) and maps the result.</summary>
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

        api.MapPost("/challenges", async Task<Created<ChallengeView>> (CreateChallengeBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
            IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var request = body.ToRequest(idempotencyKey);
            // The grain decides what the request may ask for (its webhook's target and secret), for every caller.
            var created = await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, request.UserId)).CreateChallengeAsync(caller.TenantId, request.UserId, request,
                http.Origin(), ct);
            // The user's push budget, told to the key that spends it (the 429's is reported by ReportsGrainRateLimits).
            RateLimitReport.Add(created.PushLimit);
            return TypedResults.Created($"/v1/challenges/{created.View.ChallengeId}", created.View);
        }).WithName("CreateChallenge").ReportsGrainRateLimits()
            .Problems(ProblemCodes.Challenges.NoDevice, ProblemCodes.Challenges.PushBlocked, ProblemCodes.Challenges.IdempotencyKeyReused, ProblemCodes.Challenges.TooManyOutstanding, ProblemCodes.Challenges.PushRateLimited).WithSummary("Ask a user for a push approval");

        api.MapGet("/challenges/{challengeId}", async (string challengeId, int? wait, HttpContext http, IGrainFactory grains, LongPoll polls, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            LongPoll.EnsureValidWait(wait);
            var user = grains.GetGrain<IUserGrain>(RouteIds.UserOfChallenge(challengeId));
            return TypedResults.Ok(await polls.ReadAsync(caller.KeyId, wait,
                async (left, token) => await user.WaitForChallengeAsync(caller.TenantId, challengeId, left, token) ?? throw RouteIds.ChallengeNotFound(),
                v => v.Status == ChallengeStatus.Pending, ct));
        }).WithName("GetChallenge").Problems(ProblemCodes.Challenges.NotFound, ProblemCodes.Challenges.LongPollTooMany).WithSummary("Read a challenge; wait=N long-polls up to N seconds for the decision");

        api.MapPost("/challenges/{challengeId}/cancel", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IUserGrain>(RouteIds.UserOfChallenge(challengeId)).CancelChallengeAsync(http.GetApiCaller().TenantId, challengeId,
                http.Origin(), ct) ?? throw RouteIds.ChallengeNotFound()))
            .WithName("CancelChallenge").Problems(ProblemCodes.Challenges.NotFound).WithSummary("Cancel a pending challenge");

        api.MapGet("/users/{userId}/push-status", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await User(http, grains, userId).GetBlockStatusAsync(http.GetApiCaller().TenantId, ct)))
            .WithName("GetPushStatus").WithSummary("Whether pushes for a user are blocked (push-fatigue protection)");

        api.MapGet("/users/{userId}/auto-approve-rules", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await User(http, grains, userId).ListAutoApproveRulesAsync(http.GetApiCaller().TenantId, ct)))
            .WithName("ListAutoApproveRules").WithSummary("List the user's auto-approve rules");

        api.MapDelete("/users/{userId}/auto-approve-rules/{ruleId}", async (string userId, string ruleId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            return await User(http, grains, userId).RemoveAutoApproveRuleAsync(caller.TenantId, ruleId, caller.AsCaller().Actor, http.Origin(), ct)
                ? TypedResults.NoContent()
                : throw ProblemCodes.Challenges.RuleNotFound.Error("No such rule.");
        }).WithName("RemoveAutoApproveRule").Problems(ProblemCodes.Challenges.RuleNotFound).WithSummary("Remove one of the user's auto-approve rules");

        var admin = app.MapGroup("/v1/admin").WithTags("Admin");
        admin.MapDelete("/users/{userId}/push-block", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId"))).ClearBlockAsync(caller.TenantId, caller.LegacyActor,
                http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("ClearPushBlock").WithSummary("Lift a push-fatigue block early");

        admin.MapPost("/webhook-secret", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(new WebhookSecret(await grains.GetGrain<IWebhookSecretGrain>(http.GetAdmin().TenantId).RotateAsync(ct))))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole)
            .WithName("RotateWebhookSecret").WithSummary("Create or rotate the tenant's webhook signing secret (shown once)");
    }

    private static void MapDeviceEndpoints(IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Device approvals");

        device.MapGet("/challenges", async (HttpContext http, IDeviceChallenges challenges, CancellationToken ct) =>
            TypedResults.Ok(await challenges.PendingAsync(http.GetDeviceId(), ct)))
            .WithName("PullChallenges").WithSummary("Pending challenges for this device (works without any push)");

        device.MapGet("/challenges/{challengeId}", async (string challengeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IUserGrain>(RouteIds.UserOfChallenge(challengeId)).GetChallengeForDeviceAsync(challengeId, http.GetDeviceId(), ct)
                ?? throw RouteIds.ChallengeNotFound()))
            .WithName("GetDeviceChallenge").Problems(ProblemCodes.Challenges.NotFound).WithSummary("Read one challenge addressed to this device");

        device.MapPost("/challenges/{challengeId}/answer", async (string challengeId, AnswerBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var answer = body.ToAnswer(http.GetDeviceId());
            var outcome = await grains.GetGrain<IUserGrain>(RouteIds.UserOfChallenge(challengeId)).AnswerAsync(challengeId, answer, http.Origin(), ct);
            return outcome.Accepted ? TypedResults.Ok(outcome) : throw AnswerRejections.Error(outcome);
        }).WithName("AnswerChallenge").Problems(ProblemCodes.Challenges.NumberMismatch, ProblemCodes.Challenges.AlreadyResolved).WithSummary("Approve or deny, signed with the device key");

        device.MapPost("/auto-approve-rules", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            // A rule approves future logins without the phone: a session token alone (which a stolen phone's app still
            // holds for minutes) is not enough; the device key signs this request.
            var body = await JsonBody.ReadAsync<AutoApproveRuleBody>(http, ct);
            return TypedResults.Ok(await grains.GetGrain<IUserGrain>(RouteIds.UserOfChallenge(body.ChallengeId)).RequestAutoApproveRuleAsync(body.ChallengeId!,
                http.GetDeviceId(), ct));
        }).RequireSignedRequest().Accepts<AutoApproveRuleBody>("application/json")
            .WithName("RequestAutoApproveRule").WithSummary("Ask for a location-based auto-approve rule after repeated approvals (signed request)");
    }

    private static IUserGrain User(HttpContext http, IGrainFactory grains, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(http.GetApiCaller().TenantId, Validate.Identifier(userId, "userId")));
}
