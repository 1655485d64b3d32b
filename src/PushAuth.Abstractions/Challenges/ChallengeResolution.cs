namespace PushAuth.Abstractions;

/// <summary>What the per-user grain learns when a challenge resolves.</summary>
public sealed record ChallengeResolution(
    string ChallengeId,
    ChallengeStatus Status,
    DenyReason? DenyReason,
    string? DeviceId,
    string Service,
    string Action,
    string? SourceIp,
    bool AutoApproved,
    DateTimeOffset ResolvedAt);
