namespace PushAuth.Abstractions;

/// <summary>A challenge as the login service sees it.</summary>
/// <param name="NumberMatch">The number the login page shows (null without number matching).</param>
/// <param name="AutoApproved">True when an auto-approve rule decided, not a person.</param>
[GenerateSerializer, Immutable, Alias("pa.ChallengeView")]
public sealed record ChallengeView(
    string ChallengeId,
    string UserId,
    ChallengeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ResolvedAt,
    string? NumberMatch,
    DenyReason? DenyReason,
    string? ResolvedByDeviceId,
    bool AutoApproved,
    string? SessionBinding);
