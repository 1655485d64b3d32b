using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PushAuth.Diagnostics;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.Grains.Storage;
using PushAuth.Security;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>Push challenges: create, read, wait, answer, cancel, and the push-fatigue bookkeeping.</summary>
internal partial class UserGrain
{
    public async Task<ChallengeCreated> CreateChallengeAsync(string tenantId, string userId, CreateChallengeRequest request, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        request = await PermittedAsync(tenantId, request, cancellationToken);
        var requestHash = RequestHash(request);
        if (_decider.Replay(Persisted.State, tenantId, request, requestHash) is { } replayed)
        {
            return new ChallengeCreated(replayed, null);
        }
        var settings = await tenants.GetAsync(tenantId, cancellationToken)
            ?? throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        var challengeId = request.IdempotencyKey is { } key ? GrainKeys.IdempotentChallengeId(Key, key) : GrainKeys.NewChallengeId(Key);
        UserDecision decision;
        ChallengeState created;
        try
        {
            (decision, created) = _decider.CreateChallenge(Persisted.State, tenantId, userId, request, requestHash, challengeId, settings, origin,
                TraceContextCarrier.Capture(Activity.Current));
        }
        catch (PushAuthException ex) when (ex.Code == ProblemCodes.Challenges.PushBlocked.Code)
        {
            PushAuthDiagnostics.RecordPushBlocked(tenantId);
            throw;
        }
        // The decision needs a known user of this tenant; a key collision with another user is refused, never overwritten.
        _ = Owned(tenantId, userId);
        await SaveAsync(decision, cancellationToken);
        PushAuthDiagnostics.RecordChallengeCreated(tenantId);
        // The saved state was pruned at the decision's time: what is left after this push, for the route's RateLimit fields.
        return new ChallengeCreated(ChallengeEffects.View(created), UserPushPolicy.Rate(decision.State.Push, settings, created.CreatedAt));
    }

    public Task<ChallengeView?> GetChallengeAsync(string tenantId, string challengeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(Persisted.State, tenantId, challengeId) is { } c ? ChallengeEffects.View(c) : null);

    public async Task<ChallengeView?> WaitForChallengeAsync(string tenantId, string challengeId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        // Interleaves with the answer: reads only the saved state and parks on a completion the next save sets.
        if (Find(_committed, tenantId, challengeId) is not { } c || !c.IsPending || wait <= TimeSpan.Zero)
        {
            return Find(_committed, tenantId, challengeId) is { } current ? ChallengeEffects.View(current) : null;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiters.TryGetValue(challengeId, out var list))
        {
            _waiters[challengeId] = list = [];
        }
        list.Add(done);
        var bound = wait < ChallengeWaits.MaxGrainWait ? wait : ChallengeWaits.MaxGrainWait;
        var untilExpiry = c.ExpiresAt - time.GetUtcNow() + TimeSpan.FromSeconds(1);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(done.Task, Task.Delay(bound < untilExpiry ? bound : untilExpiry, time, timeout.Token));
            timeout.Cancel();
        }
        list.Remove(done);
        if (list.Count == 0)
        {
            _waiters.Remove(challengeId);
        }
        return Find(_committed, tenantId, challengeId) is { } after ? ChallengeEffects.View(after) : null;
    }

    public async Task<ChallengeView?> CancelChallengeAsync(string tenantId, string challengeId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (Find(Persisted.State, tenantId, challengeId, expire: false) is not { } before)
        {
            return null;
        }
        var (decision, view) = _decider.Cancel(Persisted.State, before, origin);
        if (decision is not null)
        {
            await SaveAsync(decision, cancellationToken);
        }
        return view;
    }

    public Task<DeviceChallengeView?> GetChallengeForDeviceAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var c = Persisted.State.Challenges.FirstOrDefault(c => c.ChallengeId == challengeId);
        return Task.FromResult(c is not null && c.Targets.Contains(deviceId, StringComparer.Ordinal) && UserChallenges.Visible(c, now, options.Value.ResolvedGracePeriod)
            ? DeviceView(ChallengeDecider.Expire(c, now))
            : null);
    }

    public Task<IReadOnlyList<DeviceChallengeView>> PendingForDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<DeviceChallengeView> pending = [.. Persisted.State.Challenges
            .Where(c => ChallengeDecider.EffectiveStatus(c, now) == ChallengeStatus.Pending && c.Targets.Contains(deviceId, StringComparer.Ordinal))
            .OrderByDescending(c => c.CreatedAt)
            .Select(DeviceView)];
        return Task.FromResult(pending);
    }

    public async Task<AnswerOutcome> AnswerAsync(string challengeId, ChallengeAnswer answer, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var before = Persisted.State.Challenges.FirstOrDefault(c => c.ChallengeId == challengeId);
        if (before is null)
        {
            return AnswerOutcome.Rejected(ChallengeStatus.None, AnswerRejection.NotFound);
        }
        // The device's answer is its own trace; a link ties it back to the login service's request.
        ActivityLink[]? links = TraceContextCarrier.Parse(before.TraceContext) is { } created ? [new ActivityLink(created)] : null;
        using var activity = PushAuthDiagnostics.Grains.StartActivity("challenge.answer", ActivityKind.Internal, parentContext: default, links: links);
        var signatureValid = before.Targets.Contains(answer.DeviceId, StringComparer.Ordinal) && await SignatureValidAsync(before, answer, cancellationToken);
        // Nothing else runs on this grain while the key was fetched (the turn holds it), so the state is as it was.
        var (decision, outcome, refused) = _decider.Answer(Persisted.State, before, answer, signatureValid, origin);
        if (refused is not null)
        {
            audit.Refused([refused]);
        }
        if (decision is not null)
        {
            await SaveAsync(decision, cancellationToken);
        }
        return outcome;
    }

    public async Task<AutoApproveRule> RequestAutoApproveRuleAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        var settings = s.Exists && s.Devices.Any(d => d.DeviceId == deviceId) ? await tenants.GetAsync(s.TenantId!, cancellationToken) : null;
        var (decision, rule) = _decider.RequestAutoApproveRule(Persisted.State, challengeId, deviceId, settings);
        if (decision is not null)
        {
            await SaveAsync(decision, cancellationToken);
        }
        return rule;
    }

    public Task<IReadOnlyList<AutoApproveRule>> ListAutoApproveRulesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Owns(tenantId) ? Persisted.State.Push.Rules : []);

    public async Task<bool> RemoveAutoApproveRuleAsync(string tenantId, string ruleId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (_decider.RemoveAutoApproveRule(Persisted.State, tenantId, ruleId, actor, origin) is not { } decision)
        {
            return false;
        }
        await SaveAsync(decision, cancellationToken);
        return true;
    }

    public Task<PushBlockStatus> GetBlockStatusAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = Owns(tenantId) ? Persisted.State : new UserState();
        var push = UserPushPolicy.Prune(s.Push, now);
        return Task.FromResult(new PushBlockStatus(push.BlockedUntil is not null, push.BlockReason, push.BlockedUntil, push.ConsecutiveDenials,
            UserChallenges.Outstanding(s.Challenges, now)));
    }

    public async Task ClearBlockAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (_decider.ClearBlock(Persisted.State, tenantId, actor, origin) is { } decision)
        {
            await SaveAsync(decision, cancellationToken);
        }
    }

    /// <summary>What every caller of challenge creation meets, whoever it is: no binding in the console's reserved namespace,
    /// and a webhook only to a target the tenant may reach (public, or listed in its settings and allowed by the operator)
    /// and only once the tenant has a secret to sign it with (else the first delivery would be signed with a secret nobody
    /// has seen). Returns the request with its webhook URL in normal form.</summary>
    private async Task<CreateChallengeRequest> PermittedAsync(string tenantId, CreateChallengeRequest request, CancellationToken cancellationToken)
    {
        if (request.SessionBinding is { } binding && binding.StartsWith(ChallengeRequests.ReservedBindingPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Defence in depth: a binding in the console's old namespace must never look like an admin sign-in again.
            throw ProblemCodes.Challenges.SessionBindingReserved.Error(
                $"'sessionBinding' must not start with '{ChallengeRequests.ReservedBindingPrefix}': that prefix is reserved.");
        }
        if (request.WebhookUrl is not { } url)
        {
            return request;
        }
        var target = WebhookTargetPolicy.Check(url, webhookTargets.AllowedHosts(await tenants.GetAsync(tenantId, cancellationToken)));
        if (await GrainFactory.GetGrain<IWebhookSecretGrain>(tenantId).GetAsync(cancellationToken) is null)
        {
            throw ProblemCodes.Tenants.WebhookNoSecret.Error("The tenant has no webhook signing secret yet: an admin creates it with POST /v1/admin/webhook-secret.");
        }
        return request with { WebhookUrl = target.ToString() };
    }

    /// <summary>A visible challenge of this tenant, with a pending one past its expiry shown as expired (no write needed).</summary>
    private ChallengeState? Find(UserState s, string tenantId, string challengeId, bool expire = true)
    {
        var now = time.GetUtcNow();
        var c = s.TenantId == tenantId ? s.Challenges.FirstOrDefault(c => c.ChallengeId == challengeId) : null;
        return c is null || !UserChallenges.Visible(c, now, options.Value.ResolvedGracePeriod) ? null : expire ? ChallengeDecider.Expire(c, now) : c;
    }

    private static DeviceChallengeView DeviceView(ChallengeState s) => new(s.ChallengeId, s.TenantId, s.UserId, s.Status, s.Context!, s.Nonce,
        s.NumberMatch is not null, s.NumberMatch?.Length ?? 0, s.CreatedAt, s.ExpiresAt);

    private async Task<bool> SignatureValidAsync(ChallengeState s, ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Decision is not (ChallengeDecider.Decisions.Approve or ChallengeDecider.Decisions.Deny))
        {
            return false;
        }
        var key = await deviceKeys.GetAsync(answer.DeviceId, cancellationToken);
        if (key is null)
        {
            return false;
        }
        string canonical;
        try
        {
            canonical = CanonicalChallengeAnswer.Build(s.ChallengeId, answer.Nonce, answer.Decision, answer.NumberAnswer, CanonicalReason(answer.Reason), answer.DeviceId);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return DeviceSignature.Verify(key, canonical, answer.Signature);
    }

    /// <summary>The deny reason as the device signs it: the body's value, lowercase; empty when none was sent.</summary>
    private static string CanonicalReason(DenyReason? reason) => reason switch
    {
        null => "",
        DenyReason.Declined => "declined",
        DenyReason.Fraud => "fraud",
        DenyReason.Mistake => "mistake",
        _ => "number-mismatch",
    };

    private static void RecordResolved(ChallengeState s)
    {
        PushAuthDiagnostics.RecordChallengeResolved(s.Status.ToString().ToLowerInvariant(), (s.ResolvedAt ?? s.CreatedAt) - s.CreatedAt);
        if (s.DenyReason == DenyReason.Fraud)
        {
            PushAuthDiagnostics.RecordFraudReport(s.TenantId);
        }
    }

    /// <summary>What an Idempotency-Key's request was, so a reuse with another body is told apart.</summary>
    private static string RequestHash(CreateChallengeRequest request) =>
        Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request with { IdempotencyKey = null }, JsonGrainStateSerializer.Options)));
}
