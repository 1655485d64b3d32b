using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>
/// Per-user push-approval bookkeeping (key: <c>{tenantId}/{userId}</c>): outstanding challenges, rate limits,
/// push-fatigue lock, idempotency keys and location-based auto-approve rules.
/// Call order between grains is one-way to rule out deadlocks: userpush → challenge → user → device.
/// </summary>
[GrainType("userpush")]
public interface IUserPushGrain : IGrainWithStringKey
{
    /// <summary>Creates a push challenge for this user, enforcing limits and the fatigue lock.</summary>
    Task<ChallengeView> CreateChallengeAsync(CreateChallengeRequest request, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Bookkeeping after a challenge resolved (delivered through the outbox). Always writes, so the write validates it.</summary>
    [ValidatedByWrite]
    Task OnChallengeResolvedAsync(ChallengeResolution resolution, CancellationToken cancellationToken = default);

    /// <summary>A device stopped being a verification method of this user: pending challenges that no other
    /// paired device can answer are cancelled. Call it from outside grain turns (endpoints, outbox handlers).</summary>
    Task DeviceRemovedAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Creates an auto-approve rule from a challenge this device approved, if the history allows it.</summary>
    Task<AutoApproveRule> RequestAutoApproveRuleAsync(string deviceId, string challengeId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AutoApproveRule>> ListAutoApproveRulesAsync(CancellationToken cancellationToken = default);

    Task<bool> RemoveAutoApproveRuleAsync(string ruleId, CancellationToken cancellationToken = default);

    /// <summary>Push-fatigue state for admins and login services.</summary>
    Task<PushBlockStatus> GetBlockStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>An admin lifts a push block early.</summary>
    Task ClearBlockAsync(RequestOrigin origin, string actor, CancellationToken cancellationToken = default);
}
