using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Recovery;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Domain.Users;

/// <summary>
/// The user's decisions, pure: the user's state, a command and the facts the grain fetched (tenant settings, a checked
/// signature) in; the next state with what it owes out, or a refusal. The grain loads, calls this, saves and hands out.
/// Every resolution of a challenge, whoever makes it, goes through <see cref="Resolve"/>.
/// </summary>
public sealed partial class UserDecider(ChallengeOptions options, TimeProvider time)
{
    /// <summary>Auto-approve rules kept per user.</summary>
    public const int MaxAutoApproveRules = 20;

    /// <summary>
    /// The one resolve path: each resolution replaces its challenge, drops the pushes still owed for it, owes its
    /// history and webhook, and feeds the user's push bookkeeping (denials in a row and fraud reports block; approvals
    /// learn their network). A new block owes its own history event.
    /// </summary>
    public UserDecision Resolve(UserState s, IReadOnlyList<ChallengeState> resolutions, RequestOrigin origin, string actor)
    {
        if (resolutions.Count == 0)
        {
            return UserDecision.Of(s);
        }
        var now = time.GetUtcNow();
        var (challenges, owed) = UserChallenges.Resolve(s.Challenges, s.Owed, resolutions, origin, actor, now);
        var push = s.Push;
        var blocked = false;
        foreach (var resolved in resolutions)
        {
            (push, var newlyBlocked) = UserPushPolicy.Resolved(UserPushPolicy.Prune(push, now), ChallengeResolution.Of(resolved), options.FatigueCoolOff,
                options.DenialsBeforeBlock, now);
            if (newlyBlocked)
            {
                blocked = true;
                owed = owed.Plus(OwedEffects.Of(Event(s, HistoryActivities.PushBlocked, "push", "system", push.BlockReason ?? "blocked", RequestOrigin.Internal,
                    $"until={push.BlockedUntil:O}", correlationId: resolved.ChallengeId)));
            }
        }
        return new UserDecision(s with { Challenges = challenges, Push = push, Owed = owed }, resolutions, blocked);
    }

    /// <summary>Every pending challenge past its expiry, resolved as expired; null when none is due.</summary>
    public UserDecision? ExpireDue(UserState s)
    {
        var now = time.GetUtcNow();
        var expired = s.Challenges.Where(c => c.IsPending && now >= c.ExpiresAt).Select(c => ChallengeDecider.Expire(c, now)).ToList();
        return expired.Count == 0 ? null : Resolve(s, expired, RequestOrigin.Internal, "system");
    }

    /// <summary>The challenge an Idempotency-Key already created, as it reads now; null when the key is new (or unknown
    /// to this user). The same key with another request is refused.</summary>
    public ChallengeView? Replay(UserState s, string tenantId, CreateChallengeRequest request, string requestHash)
    {
        var now = time.GetUtcNow();
        if (request.IdempotencyKey is not { } key || !s.Exists || s.TenantId != tenantId
            || UserPushPolicy.Prune(s.Push, now).Idempotency.FirstOrDefault(i => i.Key == key) is not { } seen)
        {
            return null;
        }
        if (seen.RequestHash != requestHash)
        {
            throw ProblemCodes.Challenges.IdempotencyKeyReused.Error("This Idempotency-Key was used with a different request; use a new key for a new request.");
        }
        return s.Challenges.FirstOrDefault(c => c.ChallengeId == seen.ChallengeId) is { } existing ? ChallengeEffects.View(ChallengeDecider.Expire(existing, now)) : null;
    }

    /// <summary>
    /// A new challenge, or the refusal that tells the login service to fall back: a push block first (it wins over every
    /// auto-approve rule), a revocation, the outstanding and per-minute limits (unless a rule of the asked device
    /// approves it), and the same answer for an unknown user as for one without a device.
    /// </summary>
    /// <param name="challengeId">The id it gets (derived from the Idempotency-Key when there is one).</param>
    /// <param name="traceContext">The creating request's trace, which the pushes and webhook continue.</param>
    public (UserDecision Decision, ChallengeState Created) CreateChallenge(UserState s, string tenantId, string userId, CreateChallengeRequest request, string requestHash,
        string challengeId, TenantSettings settings, RequestOrigin origin, string? traceContext)
    {
        var now = time.GetUtcNow();
        var owns = s.TenantId == tenantId;
        var push = UserPushPolicy.Prune(s.Push, now);
        UserPushPolicy.EnsureNotBlocked(push, now);
        if (owns && s.Recovery.PushRevokedAt is { } revokedAt)
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
        if (!s.Exists || !owns || s.Devices.Count == 0)
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
        var spec = new ChallengeSpec(challengeId, tenantId, userId, request.Context, UserChallenges.Targets(s.Devices, request.DeviceId),
            digits == 0 ? null : NumberMatchingCode.Generate(digits), now + ttl, request.SessionBinding, request.WebhookUrl, rule?.RuleId, traceContext);
        var created = ChallengeDecider.Create(spec, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), now);
        var next = s with
        {
            Push = UserPushPolicy.Created(push, created, request.IdempotencyKey, requestHash, now),
            Challenges = [.. s.Challenges.Where(c => c.ChallengeId != challengeId), created],
            Owed = s.Owed.Plus(ChallengeEffects.Created(created, origin, now)),
        };
        return (new UserDecision(next, created.IsPending ? [] : [created]), created);
    }

    /// <summary>A device's answer. <paramref name="signatureValid"/> is the fact the grain checked against the device's
    /// key. A rejection changes nothing and comes back with the history event the audit counts (when the device was
    /// asked at all); an answer that resolves also marks the device used.</summary>
    public (UserDecision? Decision, AnswerOutcome Outcome, HistoryEvent? Refused) Answer(UserState s, ChallengeState before, ChallengeAnswer answer, bool signatureValid,
        RequestOrigin origin)
    {
        var now = time.GetUtcNow();
        var paired = s.Devices.Any(d => d.DeviceId == answer.DeviceId);
        var (after, outcome) = ChallengeDecider.Answer(before, answer, signatureValid, paired, now);
        if (ReferenceEquals(after, before))
        {
            // The first few rejections of a window each, the rest as one aggregated event: a device cannot buy writes.
            var refused = before.Targets.Contains(answer.DeviceId, StringComparer.Ordinal)
                ? ChallengeEffects.Rejected(before, answer.DeviceId, outcome.RejectionCode ?? "rejected", origin, now)
                : null;
            return (null, outcome, refused);
        }
        if (after.ResolvedBy is not null)
        {
            s = s with { Devices = [.. s.Devices.Select(d => d.DeviceId == after.ResolvedBy ? d with { LastUsedAt = now } : d)] };
        }
        return (Resolve(s, [after], origin, after.ResolvedBy ?? "system"), outcome, null);
    }

    /// <summary>The login service cancels: a pending challenge resolves as cancelled; anything else is left as it reads.</summary>
    public (UserDecision? Decision, ChallengeView View) Cancel(UserState s, ChallengeState before, RequestOrigin origin)
    {
        var now = time.GetUtcNow();
        var after = ChallengeDecider.Cancel(before, now);
        var decision = ReferenceEquals(before, after) ? null : Resolve(s, [after], origin, "login-service");
        return (decision, ChallengeEffects.View(ChallengeDecider.Expire(after, now)));
    }

    /// <summary>A device turns a recent approval into an auto-approve rule, once it approved the same service and action
    /// from the same network often enough; an existing equal rule is returned without a write (null decision).</summary>
    public (UserDecision? Decision, AutoApproveRule Rule) RequestAutoApproveRule(UserState s, string challengeId, string deviceId, TenantSettings? settings)
    {
        if (!s.Exists || !s.Devices.Any(d => d.DeviceId == deviceId))
        {
            throw ProblemCodes.Challenges.AutoApproveDeviceNotPaired.Error("Only a device paired with the user may ask for a rule.");
        }
        if (settings is not { LocationAutoApproveEnabled: true })
        {
            throw ProblemCodes.Challenges.AutoApproveDisabled.Error("Location-based auto-approve is not enabled for this tenant.");
        }
        var approval = s.Push.RecentApprovals.FirstOrDefault(a => a.ChallengeId == challengeId && a.DeviceId == deviceId)
            ?? throw ProblemCodes.Challenges.AutoApproveUnknownApproval.Error("No recent approval of that challenge by this device.");
        var count = s.Push.ApprovalHistory.GetValueOrDefault(UserPushPolicy.HistoryKey(approval.Service, approval.Action, approval.Network));
        var needed = options.ApprovalsBeforeAutoApproveRule;
        if (count < needed)
        {
            throw ProblemCodes.Challenges.AutoApproveNotEligible.Error($"Approve this service and action from this network {needed} times before creating a rule ({count} so far).");
        }
        if (s.Push.Rules.FirstOrDefault(r => r.Service == approval.Service && r.Action == approval.Action && r.Network == approval.Network) is { } existing)
        {
            return (null, existing);
        }
        var rule = new AutoApproveRule("rule_" + EffectIds.New(), approval.Service, approval.Action, approval.Network, deviceId, time.GetUtcNow());
        return (UserDecision.Of(s with
        {
            Push = s.Push with { Rules = [.. s.Push.Rules.TakeLast(MaxAutoApproveRules - 1), rule] },
            Owed = s.Owed.Plus(OwedEffects.Of(Event(s, "auto-approve.rule-created", "push", deviceId, "created", RequestOrigin.Internal,
                $"service={rule.Service}; action={rule.Action}; network={rule.Network}", deviceId, policy: rule.RuleId))),
        }), rule);
    }

    /// <summary>Removes an auto-approve rule; null when the tenant's user has no such rule.</summary>
    public UserDecision? RemoveAutoApproveRule(UserState s, string tenantId, string ruleId, string actor, RequestOrigin origin) =>
        s.TenantId != tenantId || !s.Push.Rules.Any(r => r.RuleId == ruleId) ? null : UserDecision.Of(s with
        {
            Push = s.Push with { Rules = [.. s.Push.Rules.Where(r => r.RuleId != ruleId)] },
            Owed = s.Owed.Plus(OwedEffects.Of(Event(s, "auto-approve.rule-removed", "push", actor, "removed", origin, policy: ruleId))),
        });

    /// <summary>An admin lifts a push block and the denial count; null when there is nothing to clear.</summary>
    public UserDecision? ClearBlock(UserState s, string tenantId, string actor, RequestOrigin origin) =>
        s.TenantId != tenantId || (s.Push.BlockedUntil is null && s.Push.ConsecutiveDenials == 0) ? null : UserDecision.Of(s with
        {
            Push = s.Push with { BlockedUntil = null, BlockReason = null, ConsecutiveDenials = 0 },
            Owed = s.Owed.Plus(OwedEffects.Of(Event(s, HistoryActivities.PushBlockCleared, "push", actor, "cleared", origin))),
        });

    /// <summary>One decision: the method goes; for a device, so do its auto-approve rules and the pending challenges no
    /// other paired device can answer; the device is told (<paramref name="tellDevice"/>); all of it is saved together.</summary>
    /// <param name="userKey">The user grain's key, which the device's notice names.</param>
    public UserDecision Disconnect(UserState s, VerificationMethod method, string actor, string reason, RequestOrigin origin, bool tellDevice, string userKey)
    {
        var now = time.GetUtcNow();
        var next = s with
        {
            Totp = [.. s.Totp.Where(t => t.MethodId != method.MethodId)],
            Owed = s.Owed.Plus(History(s, HistoryActivities.MethodDisconnected, method.Kind, actor, "disconnected", origin, $"method={method.MethodId}; reason={reason}", method.DeviceId)),
        };
        if (method.Kind != "push" || method.DeviceId is not { } deviceId)
        {
            return UserDecision.Of(next);
        }
        var devices = s.Devices.Where(d => d.DeviceId != deviceId).ToList();
        var remaining = devices.Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal);
        var cancelled = s.Challenges.Where(c => c.IsPending && c.Targets.Contains(deviceId, StringComparer.Ordinal) && !c.Targets.Any(remaining.Contains))
            .Select(c => ChallengeDecider.Cancel(c, now)).ToList();
        next = next with { Devices = devices, Push = next.Push with { Rules = [.. next.Push.Rules.Where(r => r.CreatedByDeviceId != deviceId)] } };
        if (tellDevice)
        {
            next = next with { Owed = next.Owed.Plus(OwedEffects.Of(new OwedNotice(EffectIds.New(), OwedNotice.Kinds.PairingRemoved, deviceId, userKey))) };
        }
        return Resolve(next, cancelled, origin, actor);
    }

    /// <summary>"Revoke all" after a loss or theft: every method and the active temporary code go, pending challenges are
    /// cancelled, devices are told, push stays revoked until a new pairing, and the user hears of it (webhook and notice).</summary>
    public (UserDecision Decision, RevocationResult Result) RevokeAll(UserState s, TenantSettings settings, string reason, string actor, RequestOrigin origin, string userKey,
        string? traceContext)
    {
        var now = time.GetUtcNow();
        var methods = Methods(s);
        var cancelled = s.Challenges.Where(c => ChallengeDecider.EffectiveStatus(c, now) == ChallengeStatus.Pending).Select(c => ChallengeDecider.Cancel(c, now)).ToList();
        var resolved = Resolve(s, cancelled, origin, actor);
        var owed = resolved.State.Owed;
        foreach (var method in methods)
        {
            owed = owed.Plus(History(s, HistoryActivities.MethodRevoked, method.Kind, actor, "revoked", origin, $"method={method.MethodId}; reason={reason}", method.DeviceId));
        }
        owed = owed.Plus(OwedEffects.Of(s.Devices.Select(d => new OwedNotice(EffectIds.New(), OwedNotice.Kinds.PairingRemoved, d.DeviceId, userKey))));
        var rules = s.Push.Rules.Count;
        // A temporary code issued before the revocation is a method too: a thief who was handed one (or read it) keeps no way in.
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, now);
        if (recovery.ActiveCode is { } activeCode)
        {
            owed = owed.Plus(History(s, HistoryActivities.TemporaryCodeExpiredAll, "temporary-code", actor, "expired", origin, $"code={activeCode.CodeId}; reason=revoke-all"));
        }
        owed = owed.Plus(History(s, "mfa.revoked", "all", actor, "revoked", origin,
            $"reason={reason}; methods={methods.Count}; cancelledChallenges={cancelled.Count}; autoApproveRules={rules}; temporaryCodeExpired={recovery.ActiveCode is not null}; pushBlockedUntilNewPairing=true"));
        owed = owed.Plus(UserEvent(s, settings, UserNoticeKinds.MfaRevoked, new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["revokedBy"] = actor,
            ["revokedMethods"] = methods.Count.ToString(CultureInfo.InvariantCulture),
            ["cancelledChallenges"] = cancelled.Count.ToString(CultureInfo.InvariantCulture),
            ["revokedAt"] = now.ToString("O", CultureInfo.InvariantCulture),
        }, now, traceContext));
        var next = resolved.State with
        {
            Devices = [],
            Totp = [],
            Push = resolved.State.Push with { Rules = [] },
            Recovery = recovery with { ActiveCode = null, PushRevokedAt = now },
            Owed = owed,
        };
        return (resolved with { State = next }, new RevocationResult(methods, cancelled.Count, rules, now));
    }

    /// <summary>The user's verification methods: paired devices, then TOTP credentials.</summary>
    public static List<VerificationMethod> Methods(UserState s) =>
    [
        .. s.Devices.Select(d => new VerificationMethod(d.MethodId, "push", d.DisplayName, d.DeviceId, d.CreatedAt, d.LastUsedAt)),
        .. s.Totp.Select(t => new VerificationMethod(t.MethodId, "totp", t.DeviceId is null ? "Authenticator code" : "Authenticator code on " + t.DeviceId, t.DeviceId, t.CreatedAt, t.LastUsedAt)),
    ];

    /// <summary>The webhook (when the tenant has an events URL) and the notice that tell the user about a change.</summary>
    public static OwedEffects UserEvent(UserState s, TenantSettings settings, string kind, IReadOnlyDictionary<string, string> data, DateTimeOffset now, string? traceContext)
    {
        var notice = new UserNotice(EffectIds.New(), s.TenantId!, s.UserId!, kind, now, data, s.Recovery.NoticeContactKey);
        IReadOnlyList<OwedEffect> webhooks = settings.RecoveryOrDefault().EventsWebhookUrl is { } url
            ? [new OwedEventWebhook(EffectIds.New(), s.TenantId!, url, "user." + kind, s.UserId!, now, data, traceContext)]
            : [];
        return OwedEffects.Of([.. webhooks, new OwedUserNotice(notice.NoticeId, notice)]);
    }

    /// <summary>A history event about this user, now.</summary>
    public HistoryEvent Event(UserState s, string activity, string? method, string actor, string status, RequestOrigin origin, string? remarks = null,
        string? deviceId = null, string? correlationId = null, string? policy = null) =>
        HistoryEvents.Of(time.GetUtcNow(), s.TenantId!, s.UserId, actor, activity, method, status, origin, deviceId, remarks, policy, correlationId);

    /// <summary>The same, as an owed effect.</summary>
    public OwedEffects History(UserState s, string activity, string method, string actor, string status, RequestOrigin origin, string? remarks = null, string? deviceId = null) =>
        OwedEffects.Of(Event(s, activity, method, actor, status, origin, remarks, deviceId));
}
