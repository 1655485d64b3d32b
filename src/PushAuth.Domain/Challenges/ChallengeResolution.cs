using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>What the user's push bookkeeping learns when a challenge resolves.</summary>
public sealed record ChallengeResolution(
    string ChallengeId,
    ChallengeStatus Status,
    DenyReason? DenyReason,
    string? DeviceId,
    string Service,
    string Action,
    string? SourceIp,
    bool AutoApproved,
    DateTimeOffset ResolvedAt)
{
    public static ChallengeResolution Of(ChallengeState s) => new(s.ChallengeId, s.Status, s.DenyReason, s.ResolvedBy, s.Context!.Service, s.Context.Action,
        s.Context.SourceIp, s.AutoApprovedByRule is not null, s.ResolvedAt ?? s.CreatedAt);
}
