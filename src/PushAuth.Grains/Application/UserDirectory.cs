using PushAuth.History;

namespace PushAuth.Grains.Application;

/// <summary>
/// The console's user page and user list (<see cref="IUserDirectory"/>), composed from the user grain (methods, code, push
/// state, rules), the device grains (platform, app) and the history (last source, backups, recent activity). Read-only; a
/// user the tenant does not have is "no such user" (404), the same whether the id was never used or belongs to another tenant.
/// </summary>
internal sealed class UserDirectory(IGrainFactory grains, IHistoryStore history, IUserIndex index) : IUserDirectory
{
    private const int RecentActivity = 20;
    private const int SourceLookback = 200;
    private const int BackupLookback = 100;

    public async Task<UserProfile> GetProfileAsync(Caller caller, string userId, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ReadUsers);
        Validate.Identifier(userId, "userId");
        var user = grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, userId));
        var status = await user.GetRecoveryStatusAsync(caller.TenantId, cancellationToken);
        if (!status.Exists)
        {
            throw ProblemCodes.Users.NotFound.Error("No such user in this tenant.");
        }
        var rules = await user.ListAutoApproveRulesAsync(caller.TenantId, cancellationToken);
        var recent = await history.QueryAsync(new HistoryQuery(caller.TenantId, UserId: userId, Limit: SourceLookback), cancellationToken);
        var devices = await Task.WhenAll(status.Methods.Where(m => m.Kind == "push").Select(m => DeviceAsync(m, recent, cancellationToken)));
        var backups = await history.QueryAsync(new HistoryQuery(caller.TenantId, UserId: userId, Method: "backup", Limit: BackupLookback), cancellationToken);
        return new UserProfile(userId, devices,
            [.. status.Methods.Where(m => m.Kind == "totp").Select(m => new ProfileTotp(m.MethodId, m.DisplayName, m.DeviceId, m.CreatedAt, m.LastUsedAt))],
            status.TemporaryCode, status.CodesIssuedInLastHour, status.PushRevokedAt, status.PushStatus, Backups(backups), rules,
            caller.Grants(AdminPermission.ReadHistory) ? [.. recent.Take(RecentActivity)] : null);
    }

    public async Task<UserPage> ListAsync(Caller caller, string? prefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ReadUsers);
        if (limit is < 1 or > 100)
        {
            throw ProblemCodes.History.LimitInvalid.Error("'limit' must be 1..100.");
        }
        // A prefix is any start of a valid user id; the cursor is a user id.
        var search = prefix is { Length: > 0 } ? Validate.Identifier(prefix, "q") : null;
        var cursor = after is { Length: > 0 } ? Validate.Identifier(after, "cursor") : null;
        var page = await index.SearchAsync(new UserIndexQuery(caller.TenantId, search, cursor, limit), cancellationToken);
        return new UserPage(page, page.Count == limit ? page[^1].UserId : null);
    }

    private async Task<ProfileDevice> DeviceAsync(VerificationMethod m, IReadOnlyList<HistoryRecord> recent, CancellationToken cancellationToken)
    {
        var info = m.DeviceId is null ? null : await grains.GetGrain<IDeviceGrain>(m.DeviceId).GetAsync(cancellationToken);
        var seen = recent.FirstOrDefault(r => r.Event.DeviceId == m.DeviceId && r.Event.SourceIp is not null)?.Event;
        return new ProfileDevice(m.MethodId, m.DisplayName, m.DeviceId, info?.Platform, info?.AppVersion, info?.PushTokenValid, m.CreatedAt, m.LastUsedAt,
            seen is null ? null : new ProfileSource(seen.At, seen.SourceIp, seen.City, seen.Country));
    }

    private static List<ProfileBackup> Backups(IReadOnlyList<HistoryRecord> events) =>
    [
        .. events.Where(r => r.Event.CorrelationId is not null).GroupBy(r => r.Event.CorrelationId!, StringComparer.Ordinal)
            .Select(g => g.First().Event) // newest first: the backup's latest event
            .Select(e => new ProfileBackup(e.CorrelationId![..Math.Min(12, e.CorrelationId!.Length)], e.Activity != HistoryActivities.BackupDeleted && e.Status != "replaced-by-another-device",
                e.Activity, e.At, e.DeviceId, e.Remarks)),
    ];
}
