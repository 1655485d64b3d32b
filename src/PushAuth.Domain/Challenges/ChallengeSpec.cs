using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>Everything a new challenge needs, decided by the user grain from the request, the tenant's settings and
/// the user's devices.</summary>
public sealed record ChallengeSpec(
    string ChallengeId,
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
