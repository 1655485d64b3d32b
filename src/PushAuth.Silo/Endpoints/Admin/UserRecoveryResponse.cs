namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>A user as the recovery page shows them; <see cref="RecentActivity"/> is null for a role that may not read the history.</summary>
public sealed record UserRecoveryResponse(string UserId, bool Exists, IReadOnlyList<VerificationMethod> Methods, TemporaryCodeView? TemporaryCode, int CodesIssuedInLastHour,
    DateTimeOffset? PushRevokedAt, PushBlockStatus PushStatus, IReadOnlyList<HistoryEntryView>? RecentActivity)
{
    public static UserRecoveryResponse Of(UserRecovery r) => new(r.UserId, r.Status.Exists, r.Status.Methods, r.Status.TemporaryCode, r.Status.CodesIssuedInLastHour,
        r.Status.PushRevokedAt, r.Status.PushStatus, r.RecentActivity?.Select(HistoryEntryView.Of).ToList());
}
