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
    private const int MaxAutoApproveRules = 20;

    public async Task<ChallengeView> CreateChallengeAsync(string tenantId, string userId, CreateChallengeRequest request, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        request = await PermittedAsync(tenantId, request, cancellationToken);
        var now = time.GetUtcNow();
        var s = state.State;
        var push = UserPushPolicy.Prune(s.Push, now);
        var requestHash = RequestHash(request);
        if (request.IdempotencyKey is { } idempotencyKey && s.Exists && Owns(tenantId) && push.Idempotency.FirstOrDefault(i => i.Key == idempotencyKey) is { } seen)
        {
            if (seen.RequestHash != requestHash)
            {
                throw ProblemCodes.Challenges.IdempotencyKeyReused.Error("This Idempotency-Key was used with a different request; use a new key for a new request.");
            }
            if (s.Challenges.FirstOrDefault(c => c.ChallengeId == seen.ChallengeId) is { } existing)
            {
                return ChallengeEffects.View(ChallengeDecider.Expire(existing, now));
            }
        }
        var settings = await tenants.GetAsync(tenantId, cancellationToken)
            ?? throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        s = state.State;
        try
        {
            // A block wins over every auto-approve rule.
            UserPushPolicy.EnsureNotBlocked(push, now);
        }
        catch (PushAuthException)
        {
            PushAuthDiagnostics.RecordPushBlocked(tenantId);
            throw;
        }
        if (Owns(tenantId) && s.Recovery.PushRevokedAt is { } revokedAt)
        {
            throw ProblemCodes.Challenges.PushRevoked.Error($"An admin revoked this user's methods at {revokedAt:O} (lost or stolen device); push resumes after a new pairing. Use a temporary code meanwhile.");
        }
        var rule = settings.LocationAutoApproveEnabled ? UserPushPolicy.MatchingRule(push, request.Context) : null;
        // A rule answers for the device that made it: not when that device is gone, nor when another device is asked.
        if (rule is not null && (!s.Devices.Any(d => d.DeviceId == rule.CreatedByDeviceId) || (request.DeviceId is { } asked && asked != rule.CreatedByDeviceId)))
        {
            rule = null;
        }
        if (rule is null)
        {
            UserPushPolicy.EnsureMayPush(push, UserChallenges.Outstanding(s.Challenges, now), settings, now);
        }
        if (!s.Exists || !Owns(tenantId) || s.Devices.Count == 0)
        {
            // Same answer for an unknown user and a user without a push device: no enumeration, and no write.
            throw ProblemCodes.Challenges.NoDevice.Error("The user has no paired device for push approvals; use another verification method.");
        }
        var digits = request.NumberMatching switch
        {
            false => 0,
            true => request.NumberDigits ?? (settings.NumberMatchingDigits == 0 ? 2 : settings.NumberMatchingDigits),
            null => request.NumberDigits ?? settings.NumberMatchingDigits,
        };
        var ttl = request.ExpiresInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.ChallengeTtl();
        var challengeId = request.IdempotencyKey is { } key ? GrainKeys.IdempotentChallengeId(Key, key) : GrainKeys.NewChallengeId(Key);
        var spec = new ChallengeSpec(challengeId, tenantId, userId, request.Context, UserChallenges.Targets(s.Devices, request.DeviceId),
            digits == 0 ? null : NumberMatchingCode.Generate(digits), now + ttl, request.SessionBinding, request.WebhookUrl, rule?.RuleId,
            TraceContextCarrier.Capture(Activity.Current));
        var created = ChallengeDecider.Create(spec, NewNonce(), now);
        await SaveAsync(Owned(tenantId, userId) with
        {
            Push = UserPushPolicy.Created(push, created, request.IdempotencyKey, requestHash, now),
            Challenges = [.. s.Challenges.Where(c => c.ChallengeId != challengeId), created],
            Owed = s.Owed.Plus(ChallengeEffects.Created(created, origin, now)),
        }, cancellationToken);
        PushAuthDiagnostics.RecordChallengeCreated(tenantId);
        if (!created.IsPending)
        {
            RecordResolved(created);
        }
        return ChallengeEffects.View(created);
    }

    public Task<ChallengeView?> GetChallengeAsync(string tenantId, string challengeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(state.State, tenantId, challengeId) is { } c ? ChallengeEffects.View(c) : null);

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
        if (Find(state.State, tenantId, challengeId, expire: false) is not { } before)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var after = ChallengeDecider.Cancel(before, now);
        if (!ReferenceEquals(before, after))
        {
            await ResolveAsync(after, origin, "login-service", cancellationToken);
        }
        return ChallengeEffects.View(ChallengeDecider.Expire(after, now));
    }

    public Task<DeviceChallengeView?> GetChallengeForDeviceAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var c = state.State.Challenges.FirstOrDefault(c => c.ChallengeId == challengeId);
        return Task.FromResult(c is not null && c.Targets.Contains(deviceId, StringComparer.Ordinal) && UserChallenges.Visible(c, now, options.Value.ResolvedGracePeriod)
            ? DeviceView(ChallengeDecider.Expire(c, now))
            : null);
    }

    public Task<IReadOnlyList<DeviceChallengeView>> PendingForDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<DeviceChallengeView> pending = [.. state.State.Challenges
            .Where(c => ChallengeDecider.EffectiveStatus(c, now) == ChallengeStatus.Pending && c.Targets.Contains(deviceId, StringComparer.Ordinal))
            .OrderByDescending(c => c.CreatedAt)
            .Select(DeviceView)];
        return Task.FromResult(pending);
    }

    public async Task<AnswerOutcome> AnswerAsync(string challengeId, ChallengeAnswer answer, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var before = state.State.Challenges.FirstOrDefault(c => c.ChallengeId == challengeId);
        if (before is null)
        {
            return AnswerOutcome.Rejected(ChallengeStatus.None, AnswerRejection.NotFound);
        }
        // The device's answer is its own trace; a link ties it back to the login service's request.
        ActivityLink[]? links = TraceContextCarrier.Parse(before.TraceContext) is { } created ? [new ActivityLink(created)] : null;
        using var activity = PushAuthDiagnostics.Grains.StartActivity("challenge.answer", ActivityKind.Internal, parentContext: default, links: links);
        var isTarget = before.Targets.Contains(answer.DeviceId, StringComparer.Ordinal);
        var signatureValid = isTarget && await SignatureValidAsync(before, answer, cancellationToken);
        // Nothing else runs on this grain while the key was fetched (the turn holds it), so the state is as it was.
        var s = state.State;
        var now = time.GetUtcNow();
        var paired = s.Devices.Any(d => d.DeviceId == answer.DeviceId);
        var (after, outcome) = ChallengeDecider.Answer(before, answer, signatureValid, paired, now);
        if (ReferenceEquals(after, before))
        {
            // The first few rejections of a window each, the rest as one aggregated event: a device cannot buy writes.
            if (isTarget)
            {
                audit.Refused([ChallengeEffects.Rejected(before, answer.DeviceId, outcome.RejectionCode ?? "rejected", origin, now)]);
            }
            return outcome;
        }
        if (after.ResolvedBy is not null)
        {
            s = s with { Devices = [.. s.Devices.Select(d => d.DeviceId == after.ResolvedBy ? d with { LastUsedAt = now } : d)] };
        }
        await ResolveAsync(after, origin, after.ResolvedBy ?? "system", cancellationToken, s);
        return outcome;
    }

    /// <summary>Saves a resolution with its effects and the user's push bookkeeping, in one write.</summary>
    private async Task ResolveAsync(ChallengeState resolved, RequestOrigin origin, string actor, CancellationToken cancellationToken, UserState? basis = null)
    {
        var s = basis ?? state.State;
        var now = time.GetUtcNow();
        var o = options.Value;
        var (push, newlyBlocked) = UserPushPolicy.Resolved(UserPushPolicy.Prune(s.Push, now), ChallengeResolution.Of(resolved), o.FatigueCoolOff, o.DenialsBeforeBlock, now);
        var (challenges, owed) = UserChallenges.Resolve(s.Challenges, s.Owed, [resolved], origin, actor, now);
        if (newlyBlocked)
        {
            owed = owed.Plus(new OwedEffects { History = [Event(HistoryActivities.PushBlocked, "push", "system", push.BlockReason ?? "blocked", RequestOrigin.Internal,
                $"until={push.BlockedUntil:O}", correlationId: resolved.ChallengeId)] });
            PushAuthDiagnostics.RecordPushBlocked(s.TenantId);
        }
        await SaveAsync(s with { Challenges = challenges, Push = push, Owed = owed }, cancellationToken);
        RecordResolved(resolved);
    }

    public async Task<AutoApproveRule> RequestAutoApproveRuleAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (!s.Exists || !s.Devices.Any(d => d.DeviceId == deviceId))
        {
            throw ProblemCodes.Challenges.AutoApproveDeviceNotPaired.Error("Only a device paired with the user may ask for a rule.");
        }
        var settings = await tenants.GetAsync(s.TenantId!, cancellationToken);
        if (settings is not { LocationAutoApproveEnabled: true })
        {
            throw ProblemCodes.Challenges.AutoApproveDisabled.Error("Location-based auto-approve is not enabled for this tenant.");
        }
        s = state.State;
        var approval = s.Push.RecentApprovals.FirstOrDefault(a => a.ChallengeId == challengeId && a.DeviceId == deviceId)
            ?? throw ProblemCodes.Challenges.AutoApproveUnknownApproval.Error("No recent approval of that challenge by this device.");
        var count = s.Push.ApprovalHistory.GetValueOrDefault(UserPushPolicy.HistoryKey(approval.Service, approval.Action, approval.Network));
        var needed = options.Value.ApprovalsBeforeAutoApproveRule;
        if (count < needed)
        {
            throw ProblemCodes.Challenges.AutoApproveNotEligible.Error($"Approve this service and action from this network {needed} times before creating a rule ({count} so far).");
        }
        if (s.Push.Rules.FirstOrDefault(r => r.Service == approval.Service && r.Action == approval.Action && r.Network == approval.Network) is { } existing)
        {
            return existing;
        }
        var rule = new AutoApproveRule("rule_" + EffectIds.New(), approval.Service, approval.Action, approval.Network, deviceId, time.GetUtcNow());
        await SaveAsync(s with
        {
            Push = s.Push with { Rules = [.. s.Push.Rules.TakeLast(MaxAutoApproveRules - 1), rule] },
            Owed = s.Owed.Plus(new OwedEffects { History = [Event("auto-approve.rule-created", "push", deviceId, "created", RequestOrigin.Internal,
                $"service={rule.Service}; action={rule.Action}; network={rule.Network}", deviceId, policy: rule.RuleId)] }),
        }, cancellationToken);
        return rule;
    }

    public Task<IReadOnlyList<AutoApproveRule>> ListAutoApproveRulesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Owns(tenantId) ? state.State.Push.Rules : []);

    public async Task<bool> RemoveAutoApproveRuleAsync(string tenantId, string ruleId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (!Owns(tenantId) || !s.Push.Rules.Any(r => r.RuleId == ruleId))
        {
            return false;
        }
        await SaveAsync(s with
        {
            Push = s.Push with { Rules = [.. s.Push.Rules.Where(r => r.RuleId != ruleId)] },
            Owed = s.Owed.Plus(new OwedEffects { History = [Event("auto-approve.rule-removed", "push", actor, "removed", origin, policy: ruleId)] }),
        }, cancellationToken);
        return true;
    }

    public Task<PushBlockStatus> GetBlockStatusAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = Owns(tenantId) ? state.State : new UserState();
        var push = UserPushPolicy.Prune(s.Push, now);
        return Task.FromResult(new PushBlockStatus(push.BlockedUntil is not null, push.BlockReason, push.BlockedUntil, push.ConsecutiveDenials,
            UserChallenges.Outstanding(s.Challenges, now)));
    }

    public async Task ClearBlockAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (!Owns(tenantId) || (s.Push.BlockedUntil is null && s.Push.ConsecutiveDenials == 0))
        {
            return;
        }
        await SaveAsync(s with
        {
            Push = s.Push with { BlockedUntil = null, BlockReason = null, ConsecutiveDenials = 0 },
            Owed = s.Owed.Plus(new OwedEffects { History = [Event(HistoryActivities.PushBlockCleared, "push", actor, "cleared", origin)] }),
        }, cancellationToken);
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

    private static string NewNonce() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
