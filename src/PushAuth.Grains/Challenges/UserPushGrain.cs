using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Grains.Tenants;
using PushAuth.Hosting;
using PushAuth.Security;

namespace PushAuth.Grains.Challenges;

/// <summary>Per-user push bookkeeping; creates challenges. Calls only "downward": challenge, user, tenant, device inbox.</summary>
public sealed class UserPushGrain(
    IGrainContext context,
    IPersistentState<UserPushState> state,
    IOptions<ChallengeOptions> options,
    TenantSettingsCache tenants,
    TimeProvider time) : IUserPushGrain
{
    private (string TenantId, string UserId) Key => GrainKeys.ParseUser(context.GrainId.Key);

    public async Task<ChallengeView> CreateChallengeAsync(CreateChallengeRequest request, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var (tenantId, userId) = Key;
        var now = time.GetUtcNow();
        var s = UserPushPolicy.Prune(state.State, now);
        if (request.IdempotencyKey is { } idempotencyKey && s.Idempotency.FirstOrDefault(i => i.Key == idempotencyKey) is { } seen)
        {
            var existing = await Challenge(seen.ChallengeId).GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing;
            }
        }
        var settings = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw PushAuthException.NotFound("tenant.not-found", "The tenant does not exist.");
        var rule = settings.LocationAutoApproveEnabled ? UserPushPolicy.MatchingRule(s, request.Context) : null;
        if (rule is null)
        {
            try
            {
                UserPushPolicy.EnsureMayPush(s, settings, now);
            }
            catch (PushAuthException ex) when (ex.Kind == ErrorKind.Locked)
            {
                PushAuthDiagnostics.RecordPushBlocked(tenantId);
                throw;
            }
        }
        var targets = await context.GrainFactory.GetGrain<IUserPushTargetsGrain>(context.GrainId.Key).GetPushTargetsAsync(cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            // Same answer for an unknown user and a user without a push device: no enumeration.
            throw PushAuthException.Conflict("push.no-device", "The user has no paired device for push approvals; use another verification method.");
        }
        var digits = request.NumberMatching switch
        {
            false => 0,
            true => request.NumberDigits ?? (settings.NumberMatchingDigits == 0 ? 2 : settings.NumberMatchingDigits),
            null => request.NumberDigits ?? settings.NumberMatchingDigits,
        };
        var ttl = request.ExpiresInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.ChallengeTtl;
        var targetIds = targets.Select(t => t.DeviceId).ToList();
        var spec = new ChallengeSpec(tenantId, userId, request.Context, targetIds, digits == 0 ? null : NumberMatchingCode.Generate(digits),
            now + ttl, request.SessionBinding, request.WebhookUrl, rule?.RuleId, TraceContextCarrier.Capture(Activity.Current));
        var challengeId = NewChallengeId();
        var view = await Challenge(challengeId).CreateAsync(spec, origin, cancellationToken).ConfigureAwait(false);
        if (view.Status == ChallengeStatus.Pending)
        {
            foreach (var deviceId in targetIds)
            {
                await context.GrainFactory.GetGrain<IDeviceInboxGrain>(deviceId).AddAsync(challengeId, view.ExpiresAt, cancellationToken).ConfigureAwait(false);
            }
        }
        state.State = UserPushPolicy.Created(s, view, targetIds, request.IdempotencyKey, now);
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return view;
    }

    public async Task OnChallengeResolvedAsync(ChallengeResolution resolution, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (after, newlyBlocked) = UserPushPolicy.Resolved(UserPushPolicy.Prune(state.State, now), resolution,
            options.Value.FatigueCoolOff, options.Value.DenialsBeforeBlock, now);
        if (newlyBlocked)
        {
            var (tenantId, userId) = Key;
            state.StageAudit(new AuditEntry(now, tenantId, userId, "system", "push.blocked", "push", after.BlockReason ?? "blocked",
                Details: $"until={after.BlockedUntil:O}; challenge={resolution.ChallengeId}"));
            PushAuthDiagnostics.RecordPushBlocked(tenantId);
        }
        state.State = after;
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeviceRemovedAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var affected = state.State.Outstanding.Where(o => o.Targets.Contains(deviceId, StringComparer.Ordinal)).ToList();
        if (affected.Count == 0)
        {
            return;
        }
        var remaining = (await context.GrainFactory.GetGrain<IUserPushTargetsGrain>(context.GrainId.Key).GetPushTargetsAsync(cancellationToken).ConfigureAwait(false))
            .Select(t => t.DeviceId).Where(d => d != deviceId).ToHashSet(StringComparer.Ordinal);
        foreach (var outstanding in affected)
        {
            await Challenge(outstanding.ChallengeId).CancelForRemovedDeviceAsync(deviceId, remaining, cancellationToken).ConfigureAwait(false);
        }
        // Rules created by the removed device go with it.
        if (state.State.Rules.Any(r => r.CreatedByDeviceId == deviceId))
        {
            state.State = state.State with { Rules = [.. state.State.Rules.Where(r => r.CreatedByDeviceId != deviceId)] };
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AutoApproveRule> RequestAutoApproveRuleAsync(string deviceId, string challengeId, CancellationToken cancellationToken = default)
    {
        var (tenantId, userId) = Key;
        var settings = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (settings is not { LocationAutoApproveEnabled: true })
        {
            throw PushAuthException.Forbidden("auto-approve.disabled", "Location-based auto-approve is not enabled for this tenant.");
        }
        var approval = state.State.RecentApprovals.FirstOrDefault(a => a.ChallengeId == challengeId && a.DeviceId == deviceId)
            ?? throw PushAuthException.NotFound("auto-approve.unknown-approval", "No recent approval of that challenge by this device.");
        var count = state.State.ApprovalHistory.GetValueOrDefault(UserPushPolicy.HistoryKey(approval.Service, approval.Action, approval.Network));
        if (count < options.Value.ApprovalsBeforeAutoApproveRule)
        {
            throw PushAuthException.Conflict("auto-approve.not-eligible",
                $"Approve this service and action from this network {options.Value.ApprovalsBeforeAutoApproveRule} times before creating a rule ({count} so far).");
        }
        var existing = state.State.Rules.FirstOrDefault(r => r.Service == approval.Service && r.Action == approval.Action && r.Network == approval.Network);
        if (existing is not null)
        {
            return existing;
        }
        var now = time.GetUtcNow();
        var rule = new AutoApproveRule("rule_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)), approval.Service, approval.Action, approval.Network, deviceId, now);
        state.State = state.State with { Rules = [.. state.State.Rules.TakeLast(19), rule] };
        state.StageAudit(new AuditEntry(now, tenantId, userId, deviceId, "auto-approve.rule-created", "push", "created",
            Details: $"rule={rule.RuleId}; service={rule.Service}; action={rule.Action}; network={rule.Network}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return rule;
    }

    public Task<IReadOnlyList<AutoApproveRule>> ListAutoApproveRulesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Rules);

    public async Task<bool> RemoveAutoApproveRuleAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        var rule = state.State.Rules.FirstOrDefault(r => r.RuleId == ruleId);
        if (rule is null)
        {
            return false;
        }
        var (tenantId, userId) = Key;
        state.State = state.State with { Rules = [.. state.State.Rules.Where(r => r.RuleId != ruleId)] };
        state.StageAudit(new AuditEntry(time.GetUtcNow(), tenantId, userId, "user", "auto-approve.rule-removed", "push", "removed", Details: $"rule={ruleId}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<PushBlockStatus> GetBlockStatusAsync(CancellationToken cancellationToken = default)
    {
        var s = UserPushPolicy.Prune(state.State, time.GetUtcNow());
        return Task.FromResult(new PushBlockStatus(s.BlockedUntil is not null, s.BlockReason, s.BlockedUntil, s.ConsecutiveDenials, s.Outstanding.Count));
    }

    public async Task ClearBlockAsync(RequestOrigin origin, string actor, CancellationToken cancellationToken = default)
    {
        var (tenantId, userId) = Key;
        state.State = state.State with { BlockedUntil = null, BlockReason = null, ConsecutiveDenials = 0 };
        state.StageAudit(new AuditEntry(time.GetUtcNow(), tenantId, userId, actor, "push.block-cleared", "push", "cleared", origin.SourceIp, origin.UserAgent, origin.TraceId));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    private IChallengeGrain Challenge(string id) => context.GrainFactory.GetGrain<IChallengeGrain>(id);

    private static string NewChallengeId() => "ch_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
