namespace PushAuth.Abstractions;

/// <summary>
/// One user of one tenant (key: <see cref="GrainKeys.User"/>): their verification methods (paired devices, TOTP
/// credentials), their pending and recently resolved push challenges, and the push-fatigue bookkeeping. Keeping a
/// user's challenges in the user's own grain makes a creation, an answer and its bookkeeping one state write each,
/// decided by one activation. Calls from here to other grains never wait on a grain that waits on this one:
/// devices and the history are told after the write, outside the request turn.
/// </summary>
[Alias("pa.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Adds a paired device; returns its method id (idempotent per device). A pairing bound to the user before
    /// their methods were revoked (<paramref name="pairingBoundAt"/>) is refused: 409 <c>pairing.revoked</c>.</summary>
    [Alias("AddDevice")]
    Task<string> AddDeviceAsync(string tenantId, string userId, string deviceId, string displayName, string pairingMethod, RequestOrigin origin,
        DateTimeOffset? pairingBoundAt = null, CancellationToken cancellationToken = default);

    /// <summary>What a login page can offer the user now (the same answer for an unknown user and one without methods).</summary>
    [Alias("PreCheck"), ReadOnly]
    Task<PreCheck> PreCheckAsync(string tenantId, string loginServiceKeyId, CancellationToken cancellationToken = default);

    /// <summary>The user's verification methods (empty for an unknown user).</summary>
    [Alias("ListMethods"), ReadOnly]
    Task<IReadOnlyList<VerificationMethod>> ListMethodsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Removes a method (lost, stolen, broken…): a device's pending challenges that no other device can answer
    /// are cancelled, its auto-approve rules removed, and the device told, all decided in one write. Null when unknown.</summary>
    [Alias("Disconnect")]
    Task<VerificationMethod?> DisconnectAsync(string tenantId, string methodId, string actor, string reason, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The device was deregistered: removes it as a method, as <see cref="DisconnectAsync"/> does.</summary>
    [Alias("RemoveDevice")]
    Task RemoveDeviceAsync(string deviceId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("EnrollTotp")]
    Task<TotpEnrollment> EnrollTotpAsync(string tenantId, string userId, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>An admin lifts the TOTP throttle and the lock after 100 failures; audited.</summary>
    [Alias("ClearTotpLock")]
    Task ClearTotpLockAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Checks a code against every TOTP credential, within the tenant's window; a code is accepted at most once.</summary>
    [Alias("VerifyTotp")]
    Task<TotpVerification> VerifyTotpAsync(string tenantId, string code, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Creates a push challenge, enforcing the limits and the fatigue lock; an Idempotency-Key returns the
    /// challenge it made before. The result carries the user's push budget after it; a 429 <c>push.rate-limited</c>
    /// carries it as <see cref="PushAuthException.RateLimit"/>.</summary>
    [Alias("CreateChallenge")]
    Task<ChallengeCreated> CreateChallengeAsync(string tenantId, string userId, CreateChallengeRequest request, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A challenge as the login service sees it, or null when unknown or another tenant's.</summary>
    [Alias("GetChallenge")]
    Task<ChallengeView?> GetChallengeAsync(string tenantId, string challengeId, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="wait"/> (at most <see cref="ChallengeWaits.MaxGrainWait"/>) for a pending
    /// challenge to resolve, interleaved with the answer; returns the view as it then is.</summary>
    [Alias("WaitForChallenge"), AlwaysInterleave]
    Task<ChallengeView?> WaitForChallengeAsync(string tenantId, string challengeId, TimeSpan wait, CancellationToken cancellationToken = default);

    [Alias("CancelChallenge")]
    Task<ChallengeView?> CancelChallengeAsync(string tenantId, string challengeId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The device's view, or null when the device is not a target.</summary>
    [Alias("GetChallengeForDevice")]
    Task<DeviceChallengeView?> GetChallengeForDeviceAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Pending challenges this device may answer.</summary>
    [Alias("PendingForDevice"), ReadOnly]
    Task<IReadOnlyList<DeviceChallengeView>> PendingForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>A device answers; the signature, pairing, number and nonce are checked and the challenge resolves once.</summary>
    [Alias("Answer")]
    Task<AnswerOutcome> AnswerAsync(string challengeId, ChallengeAnswer answer, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Creates an auto-approve rule from a challenge this paired device approved, if the history allows it.</summary>
    [Alias("RequestAutoApproveRule")]
    Task<AutoApproveRule> RequestAutoApproveRuleAsync(string challengeId, string deviceId, CancellationToken cancellationToken = default);

    [Alias("ListAutoApproveRules"), ReadOnly]
    Task<IReadOnlyList<AutoApproveRule>> ListAutoApproveRulesAsync(string tenantId, CancellationToken cancellationToken = default);

    [Alias("RemoveAutoApproveRule")]
    Task<bool> RemoveAutoApproveRuleAsync(string tenantId, string ruleId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Push-fatigue state for admins and login services.</summary>
    [Alias("GetBlockStatus"), ReadOnly]
    Task<PushBlockStatus> GetBlockStatusAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>An admin lifts a push block early.</summary>
    [Alias("ClearBlock")]
    Task ClearBlockAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>An admin issues a temporary code (one active per user, a new one replaces the old, at most 6 an hour);
    /// the code is returned once and stored as a keyed hash. The user is told by webhook and notice. 404 for an unknown user.</summary>
    [Alias("IssueTemporaryCode")]
    Task<IssuedTemporaryCode> IssueTemporaryCodeAsync(string tenantId, TemporaryCodeRequest request, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Expires the user's temporary codes; false when none was active. Audited either way.</summary>
    [Alias("ExpireTemporaryCodes")]
    Task<bool> ExpireTemporaryCodesAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Checks a code that may be a temporary code or a TOTP code, under the TOTP throttle; a temporary code
    /// limited to one login service is valid only for the caller with that key id.</summary>
    [Alias("VerifyCode")]
    Task<CodeVerification> VerifyCodeAsync(string tenantId, string code, string loginServiceKeyId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Methods, the active temporary code (never the code itself), the push revocation and block, for admins.</summary>
    [Alias("GetRecoveryStatus"), ReadOnly]
    Task<UserRecoveryView> GetRecoveryStatusAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>A lost or stolen device, in one decision: every device and TOTP credential is revoked, pending challenges
    /// cancelled, auto-approve rules removed, push blocked until a new pairing, the devices told, and a signed
    /// <c>user.mfa.revoked</c> webhook owed. Null for an unknown user.</summary>
    [Alias("RevokeAll")]
    Task<RevocationResult?> RevokeAllAsync(string tenantId, string reason, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);
}
