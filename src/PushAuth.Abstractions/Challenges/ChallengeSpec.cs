namespace PushAuth.Abstractions;

/// <summary>Everything a challenge grain needs to start: decided by the per-user grain.</summary>
public sealed record ChallengeSpec(
    string TenantId,
    string UserId,
    ChallengeContext Context,
    IReadOnlyList<string> TargetDeviceIds,
    string? NumberMatch,
    DateTimeOffset ExpiresAt,
    string? SessionBinding,
    string? WebhookUrl,
    string? AutoApprovedByRule,
    string? TraceContext);
