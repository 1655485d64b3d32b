using PushAuth.Abstractions;
using PushAuth.Security;

namespace PushAuth.Domain.Challenges;

/// <summary>
/// The challenge state machine, pure: state + command + time → new state (or a rejection).
/// Exactly-once resolution follows from "only Pending moves", and the grain's ETag write makes it hold across silos.
/// </summary>
public static class ChallengeDecider
{
    /// <summary>The longest a challenge may live (DESIGN §5).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Starts a challenge. A spec with an auto-approve rule starts approved.</summary>
    public static ChallengeState Create(ChallengeSpec spec, string nonce, DateTimeOffset now)
    {
        var expiresAt = spec.ExpiresAt > now + MaxLifetime ? now + MaxLifetime : spec.ExpiresAt;
        var autoApproved = spec.AutoApprovedByRule is not null;
        return new ChallengeState
        {
            ChallengeId = spec.ChallengeId,
            Status = autoApproved ? ChallengeStatus.Approved : ChallengeStatus.Pending,
            TenantId = spec.TenantId,
            UserId = spec.UserId,
            Context = spec.Context,
            Targets = [.. spec.TargetDeviceIds],
            Nonce = nonce,
            NumberMatch = spec.NumberMatch,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            ResolvedAt = autoApproved ? now : null,
            AutoApprovedByRule = spec.AutoApprovedByRule,
            SessionBinding = spec.SessionBinding,
            WebhookUrl = spec.WebhookUrl,
            TraceContext = spec.TraceContext,
        };
    }

    /// <summary>The status as of <paramref name="now"/>: a pending challenge past its expiry reads as expired even before the reminder runs.</summary>
    public static ChallengeStatus EffectiveStatus(ChallengeState state, DateTimeOffset now) =>
        state.IsPending && now >= state.ExpiresAt ? ChallengeStatus.Expired : state.Status;

    /// <summary>Applies a device's answer. <paramref name="signatureValid"/> and <paramref name="devicePaired"/> are facts checked by the grain shell.</summary>
    public static (ChallengeState State, AnswerOutcome Outcome) Answer(ChallengeState state, ChallengeAnswer answer, bool signatureValid, bool devicePaired, DateTimeOffset now)
    {
        var status = EffectiveStatus(state, now);
        if (state.Status == ChallengeStatus.None)
        {
            return (state, AnswerOutcome.Rejected(status, AnswerRejection.NotFound));
        }
        if (!state.Targets.Contains(answer.DeviceId, StringComparer.Ordinal))
        {
            return (state, AnswerOutcome.Rejected(status, AnswerRejection.NotATarget));
        }
        if (!string.Equals(answer.Nonce, state.Nonce, StringComparison.Ordinal) || !signatureValid)
        {
            return (state, AnswerOutcome.Rejected(status, AnswerRejection.BadSignature));
        }
        if (!devicePaired)
        {
            return (state, AnswerOutcome.Rejected(status, AnswerRejection.DeviceNotPaired));
        }
        if (status != ChallengeStatus.Pending)
        {
            return (status == ChallengeStatus.Expired && state.IsPending ? Expire(state, now) : state, AnswerOutcome.Rejected(status, AnswerRejection.AlreadyResolved));
        }
        var approve = answer.Decision == Decisions.Approve;
        if (approve && state.NumberMatch is { } expected && !NumberMatchingCode.Matches(expected, answer.NumberAnswer ?? ""))
        {
            var mismatched = Resolve(state, ChallengeStatus.Denied, DenyReason.NumberMismatch, answer.DeviceId, now);
            return (mismatched, AnswerOutcome.Rejected(ChallengeStatus.Denied, AnswerRejection.NumberMismatch));
        }
        var resolved = approve
            ? Resolve(state, ChallengeStatus.Approved, null, answer.DeviceId, now)
            : Resolve(state, ChallengeStatus.Denied, answer.Reason ?? DenyReason.Declined, answer.DeviceId, now);
        return (resolved, AnswerOutcome.Resolved(resolved.Status));
    }

    /// <summary>The login service cancels; only a pending challenge changes.</summary>
    public static ChallengeState Cancel(ChallengeState state, DateTimeOffset now) =>
        EffectiveStatus(state, now) == ChallengeStatus.Pending ? Resolve(state, ChallengeStatus.Cancelled, null, null, now) : Expire(state, now);

    /// <summary>Marks a pending challenge past its expiry as expired; anything else is unchanged.</summary>
    public static ChallengeState Expire(ChallengeState state, DateTimeOffset now) =>
        state.IsPending && now >= state.ExpiresAt ? Resolve(state, ChallengeStatus.Expired, null, null, state.ExpiresAt) : state;

    private static ChallengeState Resolve(ChallengeState state, ChallengeStatus status, DenyReason? reason, string? deviceId, DateTimeOffset at) =>
        state with { Status = status, DenyReason = reason, ResolvedBy = deviceId, ResolvedAt = at };

    /// <summary>The two decisions a device can sign.</summary>
    public static class Decisions
    {
        public const string Approve = "approve";
        public const string Deny = "deny";
    }
}
