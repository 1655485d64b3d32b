using PushAuth.History;

namespace PushAuth.Grains.Application;

/// <summary>An admin's recovery tools (<see cref="IUserRecoveryService"/>): the user grain decides, the history answers what happened.</summary>
internal sealed class UserRecoveryService(IGrainFactory grains, IHistoryStore history) : IUserRecoveryService
{
    private const int RecentActivity = 20;

    public async Task<UserRecovery> GetAsync(Caller caller, string userId, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ReadUsers);
        var status = await User(caller, userId).GetRecoveryStatusAsync(caller.TenantId, cancellationToken);
        // What happened to the user is history: only a role that reads the history sees it here.
        var activity = caller.Grants(AdminPermission.ReadHistory)
            ? await history.QueryAsync(new HistoryQuery(caller.TenantId, UserId: userId, Limit: RecentActivity), cancellationToken)
            : null;
        return new UserRecovery(userId, status, activity);
    }

    public async Task<IssuedTemporaryCode> IssueTemporaryCodeAsync(Caller caller, string userId, int? validityHours, string? loginServiceKeyId, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.IssueTemporaryCodes);
        if (validityHours is not { } hours || hours is < 1 or > 24)
        {
            throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("'validityHours' must be 1..24: a temporary code lives between 1 and 24 hours.");
        }
        var keyId = loginServiceKeyId is null ? null : await LoginServiceKeyAsync(caller.TenantId, loginServiceKeyId, cancellationToken);
        return await User(caller, userId).IssueTemporaryCodeAsync(caller.TenantId, new TemporaryCodeRequest(TimeSpan.FromHours(hours), keyId), caller.Actor, origin,
            cancellationToken);
    }

    public async Task<UserRevocation> RevokeAllAsync(Caller caller, string userId, string? reason, DateTimeOffset? lostSince, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.RevokeMethods);
        if (reason is not ("lost" or "stolen"))
        {
            throw ProblemCodes.Challenges.ReasonInvalid.Error("'reason' must be lost or stolen.");
        }
        var result = await User(caller, userId).RevokeAllAsync(caller.TenantId, reason, caller.Actor, origin, cancellationToken)
            ?? throw ProblemCodes.Users.NotFound.Error("No such user in this tenant.");
        var (lastGood, since) = await ActivitySinceLastGoodAsync(caller.TenantId, userId, lostSince ?? result.RevokedAt, cancellationToken);
        return new UserRevocation(result, lastGood, since);
    }

    /// <summary>The last successful verification before <paramref name="before"/> and everything since it (newest first).</summary>
    private async Task<(HistoryRecord? LastGood, IReadOnlyList<HistoryRecord> Since)> ActivitySinceLastGoodAsync(string tenantId, string userId, DateTimeOffset before,
        CancellationToken cancellationToken)
    {
        HistoryRecord? lastGood = null;
        foreach (var status in new[] { "approved", "accepted" })
        {
            var hit = (await history.QueryAsync(new HistoryQuery(tenantId, UserId: userId, Status: status, To: before, Limit: 1), cancellationToken)).FirstOrDefault();
            if (hit is not null && (lastGood is null || hit.Sequence > lastGood.Sequence))
            {
                lastGood = hit;
            }
        }
        var since = await history.QueryAsync(new HistoryQuery(tenantId, UserId: userId, From: lastGood?.Event.At, Limit: 200), cancellationToken);
        return (lastGood, since);
    }

    /// <summary>The key id a temporary code may be limited to: an active key of this tenant with the login-service API.</summary>
    private async Task<string> LoginServiceKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var keys = await grains.GetGrain<ITenantGrain>(tenantId).ListApiKeysAsync(cancellationToken);
        return keys.FirstOrDefault(k => k.KeyId == keyId && !k.Revoked && TenantRoles.Grants(k.Role, AdminPermission.LoginApi))?.KeyId
            ?? throw ProblemCodes.Tenants.LoginServiceKeyUnknown.Error("'loginServiceKeyId' must be the keyId of an active login-service key of this tenant.");
    }

    private IUserGrain User(Caller caller, string userId) => grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId")));
}
