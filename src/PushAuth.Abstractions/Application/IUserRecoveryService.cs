namespace PushAuth.Abstractions;

/// <summary>An admin's recovery of a user's MFA: look the user up, a temporary code, "revoke all" after a loss or theft.</summary>
public interface IUserRecoveryService
{
    /// <summary>The user's methods, temporary code and push state, and their recent activity when the caller may read the history.</summary>
    Task<UserRecovery> GetAsync(Caller caller, string userId, CancellationToken cancellationToken = default);

    /// <summary>A temporary code valid for <paramref name="validityHours"/> (1..24), limited to a login-service key of the
    /// tenant when <paramref name="loginServiceKeyId"/> names one. The code is returned once.</summary>
    Task<IssuedTemporaryCode> IssueTemporaryCodeAsync(Caller caller, string userId, int? validityHours, string? loginServiceKeyId, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>Lost or stolen (<paramref name="reason"/>): every method revoked, pending challenges cancelled, push blocked
    /// until a new pairing; with the last good verification before <paramref name="lostSince"/> and what happened since.</summary>
    Task<UserRevocation> RevokeAllAsync(Caller caller, string userId, string? reason, DateTimeOffset? lostSince, RequestOrigin origin,
        CancellationToken cancellationToken = default);
}
