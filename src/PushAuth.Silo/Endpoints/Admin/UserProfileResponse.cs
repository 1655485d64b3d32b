namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The console's user page (<see cref="UserProfile"/>) with its recent activity as history entries.</summary>
public sealed record UserProfileResponse(
    string UserId,
    IReadOnlyList<ProfileDevice> Devices,
    IReadOnlyList<ProfileTotp> Totp,
    TemporaryCodeView? TemporaryCode,
    int CodesIssuedInLastHour,
    DateTimeOffset? PushRevokedAt,
    PushBlockStatus PushStatus,
    IReadOnlyList<ProfileBackup> Backups,
    IReadOnlyList<AutoApproveRule> AutoApproveRules,
    IReadOnlyList<HistoryEntryView>? RecentActivity)
{
    public static UserProfileResponse Of(UserProfile p) => new(p.UserId, p.Devices, p.Totp, p.TemporaryCode, p.CodesIssuedInLastHour, p.PushRevokedAt, p.PushStatus,
        p.Backups, p.AutoApproveRules, p.RecentActivity?.Select(HistoryEntryView.Of).ToList());
}
