using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Domain.Challenges;

/// <summary>The effects a challenge's creation and resolution owe: history events, pushes, the webhook. Pure.</summary>
public static class ChallengeEffects
{
    /// <summary>A new challenge: a push to every target while pending (or the resolution effects when a rule approved it).</summary>
    public static OwedEffects Created(ChallengeState c, RequestOrigin origin, DateTimeOffset now)
    {
        if (!c.IsPending)
        {
            return new OwedEffects { History = [Event(c, HistoryActivities.ChallengeAutoApproved, "login-service", "approved", origin, now, policy: c.AutoApprovedByRule)] }
                .Plus(ResolvedWithoutHistory(c, answeredBy: null, now));
        }
        return new OwedEffects
        {
            History = [Event(c, HistoryActivities.ChallengeCreated, "login-service", "pending", origin, now)],
            Pushes = [.. c.Targets.Select(d => Push(c, "challenge", d))],
        };
    }

    /// <summary>A resolution: its history event, a "closed" push to the devices that did not answer, the webhook.</summary>
    public static OwedEffects Resolved(ChallengeState c, RequestOrigin origin, string actor, DateTimeOffset now)
    {
        var status = c.Status.ToString().ToLowerInvariant();
        var activity = c.ResolvedBy is not null ? HistoryActivities.ChallengeAnswered : "challenge." + status;
        return new OwedEffects { History = [Event(c, activity, actor, status, origin, now, remarks: c.DenyReason?.ToString())] }
            .Plus(ResolvedWithoutHistory(c, c.ResolvedBy, now));
    }

    /// <summary>A history event about a challenge that changed nothing (a rejected answer).</summary>
    public static HistoryEvent Rejected(ChallengeState c, string deviceId, string code, RequestOrigin origin, DateTimeOffset now) =>
        Event(c, HistoryActivities.ChallengeAnswerRejected, deviceId, code, origin, now, deviceId: deviceId);

    private static OwedEffects ResolvedWithoutHistory(ChallengeState c, string? answeredBy, DateTimeOffset now)
    {
        var closed = c.CreatedAt != c.ResolvedAt ? c.Targets.Where(t => t != answeredBy).Select(d => Push(c, "closed", d)).ToList() : [];
        IReadOnlyList<OwedEffect> webhooks = c.WebhookUrl is { } url
            ? [new OwedWebhook(EffectIds.New(), c.TenantId, url, View(c), now, c.TraceContext)]
            : [];
        return OwedEffects.Of([.. closed, .. webhooks]);
    }

    private static OwedPush Push(ChallengeState c, string kind, string deviceId) =>
        new(EffectIds.New(), new PushRequest(kind, deviceId, c.ChallengeId, c.Nonce, c.ExpiresAt, c.ChallengeId, c.TenantId, c.UserId), c.TraceContext);

    /// <summary>The login service's view of a challenge.</summary>
    public static ChallengeView View(ChallengeState s) => new(s.ChallengeId, s.UserId, s.Status, s.CreatedAt, s.ExpiresAt, s.ResolvedAt, s.NumberMatch,
        s.DenyReason, s.ResolvedBy, s.AutoApprovedByRule is not null, s.SessionBinding);

    private static HistoryEvent Event(ChallengeState c, string activity, string actor, string status, RequestOrigin origin, DateTimeOffset now,
        string? deviceId = null, string? policy = null, string? remarks = null) =>
        HistoryEvents.Of(now, c.TenantId, c.UserId, actor, activity, "push", status, origin, deviceId ?? c.ResolvedBy, remarks, policy, c.ChallengeId,
            sourceIp: origin.SourceIp ?? c.Context?.SourceIp, city: c.Context?.City, country: c.Context?.Country);
}
