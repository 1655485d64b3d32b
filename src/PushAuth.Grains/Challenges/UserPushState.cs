using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

/// <summary>Persisted per-user push bookkeeping. Every list is bounded.</summary>
[GrainState(1)]
public sealed record UserPushState
{
    public IReadOnlyList<OutstandingChallenge> Outstanding { get; init; } = [];

    /// <summary>Push challenges created in the last minute (rate limit).</summary>
    public IReadOnlyList<DateTimeOffset> RecentPushes { get; init; } = [];

    public int ConsecutiveDenials { get; init; }

    public DateTimeOffset? BlockedUntil { get; init; }

    public string? BlockReason { get; init; }

    public DateTimeOffset? LastApprovalAt { get; init; }

    public IReadOnlyList<IdempotencyEntry> Idempotency { get; init; } = [];

    /// <summary>Approvals by "service|action|network", toward auto-approve eligibility.</summary>
    public IReadOnlyDictionary<string, int> ApprovalHistory { get; init; } = new Dictionary<string, int>();

    /// <summary>Recently approved challenges a device may turn into a rule.</summary>
    public IReadOnlyList<ApprovedChallenge> RecentApprovals { get; init; } = [];

    public IReadOnlyList<AutoApproveRule> Rules { get; init; } = [];
}

/// <summary>A challenge still pending as far as this grain knows.</summary>
public sealed record OutstandingChallenge(string ChallengeId, DateTimeOffset ExpiresAt, IReadOnlyList<string> Targets);

/// <summary>Idempotency key → the challenge it created.</summary>
public sealed record IdempotencyEntry(string Key, string ChallengeId, DateTimeOffset At);

/// <summary>An approved challenge and where it came from.</summary>
public sealed record ApprovedChallenge(string ChallengeId, string DeviceId, string Service, string Action, string Network, DateTimeOffset At);
