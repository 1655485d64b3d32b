using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>One challenge, kept in its user's state while pending and for a grace period after it resolves.</summary>
public sealed record ChallengeState
{
    public string ChallengeId { get; init; } = "";

    public ChallengeStatus Status { get; init; } = ChallengeStatus.None;

    public string TenantId { get; init; } = "";

    public string UserId { get; init; } = "";

    public ChallengeContext? Context { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Random per challenge; signed by the answering device so an answer cannot be replayed onto another challenge.</summary>
    public string Nonce { get; init; } = "";

    public string? NumberMatch { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DenyReason? DenyReason { get; init; }

    public string? ResolvedBy { get; init; }

    public string? AutoApprovedByRule { get; init; }

    public string? SessionBinding { get; init; }

    public string? WebhookUrl { get; init; }

    public string? TraceContext { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPending => Status == ChallengeStatus.Pending;
}
