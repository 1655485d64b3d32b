using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>A user's push bookkeeping (part of the user's state). Every list is bounded.</summary>
public sealed record UserPushState
{
    /// <summary>Push challenges created in the last minute (rate limit).</summary>
    public IReadOnlyList<DateTimeOffset> RecentPushes { get; init; } = [];

    public int ConsecutiveDenials { get; init; }

    public DateTimeOffset? BlockedUntil { get; init; }

    public string? BlockReason { get; init; }

    public DateTimeOffset? LastApprovalAt { get; init; }

    public IReadOnlyList<IdempotencyEntry> Idempotency { get; init; } = [];

    /// <summary>Approvals by <see cref="UserPushPolicy.HistoryKey"/>, toward auto-approve eligibility.</summary>
    public IReadOnlyDictionary<string, int> ApprovalHistory { get; init; } = new Dictionary<string, int>();

    /// <summary>Recently approved challenges a device may turn into a rule.</summary>
    public IReadOnlyList<ApprovedChallenge> RecentApprovals { get; init; } = [];

    public IReadOnlyList<AutoApproveRule> Rules { get; init; } = [];
}

/// <summary>Idempotency key → the challenge it created, and a hash of the request, so a reuse with another body is refused.</summary>
public sealed record IdempotencyEntry(string Key, string ChallengeId, string RequestHash, DateTimeOffset At);

/// <summary>An approved challenge and where it came from.</summary>
public sealed record ApprovedChallenge(string ChallengeId, string DeviceId, string Service, string Action, string Network, DateTimeOffset At);
