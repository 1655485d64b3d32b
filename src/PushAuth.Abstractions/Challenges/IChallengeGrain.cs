using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>
/// One push challenge (key: unguessable challenge id). Its state machine resolves exactly once:
/// pending → approved | denied | expired | cancelled; the ETag write is the authority across silos.
/// </summary>
[GrainType("challenge")]
public interface IChallengeGrain : IGrainWithStringKey
{
    /// <summary>Starts the challenge: pushes to every target, schedules expiry. Idempotent for the same spec.</summary>
    Task<ChallengeView> CreateAsync(ChallengeSpec spec, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The login service's view, or null when unknown or of another tenant.</summary>
    Task<ChallengeView?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The device's view, or null when the device is not a target.</summary>
    Task<DeviceChallengeView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>A device answers. Verifies the signature, that the device is a target and still paired, the number, and the nonce.
    /// Decided on cached state: a stale "pending" loses the ETag race and is re-decided; a resolution never reverts.</summary>
    [ValidatedByWrite]
    Task<AnswerOutcome> AnswerAsync(ChallengeAnswer answer, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The login service cancels. Returns the resulting view (a resolved challenge stays as it was).</summary>
    Task<ChallengeView?> CancelAsync(string tenantId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Cancels because a target device was removed, if no other target can still answer.</summary>
    Task CancelForRemovedDeviceAsync(string deviceId, IReadOnlyCollection<string> remainingPairedDevices, CancellationToken cancellationToken = default);

    /// <summary>Whether a push for this challenge is still worth sending.</summary>
    Task<bool> IsPendingAsync(CancellationToken cancellationToken = default);
}
