using PushAuth.Abstractions;
using PushAuth.History;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Admin;

/// <summary>
/// The console's user page and user list, composed from the user grain (methods, code, push state, rules), the device
/// grains (platform, app) and the history (last source, backups, recent activity). Read-only; a user the tenant does not
/// have is "no such user" (404), the same whether the id was never used or belongs to another tenant.
/// </summary>
public sealed class UserProfiles(IGrainFactory grains, IHistoryStore history, IUserIndex index)
{
    private const int RecentActivity = 20;
    private const int SourceLookback = 200;
    private const int BackupLookback = 100;

    public async Task<UserProfile> GetAsync(AdminPrincipal principal, string userId, CancellationToken cancellationToken)
    {
        Validate.Identifier(userId, "userId");
        var user = grains.GetGrain<IUserGrain>(GrainKeys.User(principal.TenantId, userId));
        var status = await user.GetRecoveryStatusAsync(principal.TenantId, cancellationToken);
        if (!status.Exists)
        {
            throw PushAuthException.NotFound("user.not-found", "No such user in this tenant.");
        }
        var rules = await user.ListAutoApproveRulesAsync(principal.TenantId, cancellationToken);
        var recent = await history.QueryAsync(new HistoryQuery(principal.TenantId, UserId: userId, Limit: SourceLookback), cancellationToken);
        var devices = await Task.WhenAll(status.Methods.Where(m => m.Kind == "push").Select(m => DeviceAsync(m, recent)));
        var backups = await history.QueryAsync(new HistoryQuery(principal.TenantId, UserId: userId, Method: "backup", Limit: BackupLookback), cancellationToken);
        return new UserProfile(userId, devices,
            [.. status.Methods.Where(m => m.Kind == "totp").Select(m => new ProfileTotp(m.MethodId, m.DisplayName, m.DeviceId, m.CreatedAt, m.LastUsedAt))],
            status.TemporaryCode, status.CodesIssuedInLastHour, status.PushRevokedAt, status.PushStatus, Backups(backups), rules,
            TenantRoles.Grants(principal.Role, AdminPermission.ReadHistory) ? [.. recent.Take(RecentActivity).Select(HistoryEntryView.Of)] : null);
    }

    /// <summary>One page of the tenant's users by id prefix, and the cursor of the next page (null on the last).</summary>
    public async Task<(IReadOnlyList<IndexedUser> Users, string? Next)> ListAsync(AdminPrincipal principal, string? prefix, string? after, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100)
        {
            throw PushAuthException.Invalid("limit.invalid", "'limit' must be 1..100.");
        }
        // A prefix is any start of a valid user id; the cursor is a user id.
        var search = prefix is { Length: > 0 } ? Validate.Identifier(prefix, "q") : null;
        var cursor = after is { Length: > 0 } ? Validate.Identifier(after, "cursor") : null;
        var page = await index.SearchAsync(new UserIndexQuery(principal.TenantId, search, cursor, limit), cancellationToken);
        return (page, page.Count == limit ? page[^1].UserId : null);
    }

    private async Task<ProfileDevice> DeviceAsync(VerificationMethod m, IReadOnlyList<HistoryRecord> recent)
    {
        var info = m.DeviceId is null ? null : await grains.GetGrain<IDeviceGrain>(m.DeviceId).GetAsync();
        var seen = recent.FirstOrDefault(r => r.Event.DeviceId == m.DeviceId && r.Event.SourceIp is not null)?.Event;
        return new ProfileDevice(m.MethodId, m.DisplayName, m.DeviceId, info?.Platform, info?.AppVersion, info?.PushTokenValid, m.CreatedAt, m.LastUsedAt,
            seen is null ? null : new ProfileSource(seen.At, seen.SourceIp, seen.City, seen.Country));
    }

    private static List<ProfileBackup> Backups(IReadOnlyList<HistoryRecord> events) =>
    [
        .. events.Where(r => r.Event.CorrelationId is not null).GroupBy(r => r.Event.CorrelationId!, StringComparer.Ordinal)
            .Select(g => g.First().Event) // newest first: the backup's latest event
            .Select(e => new ProfileBackup(e.CorrelationId![..Math.Min(12, e.CorrelationId!.Length)], e.Activity != "backup.deleted" && e.Status != "replaced-by-another-device",
                e.Activity, e.At, e.DeviceId, e.Remarks)),
    ];
}
