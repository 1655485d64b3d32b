namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>What "revoke all" did, and the activity since the user's last known-good verification.</summary>
public sealed record RevocationResponse(IReadOnlyList<VerificationMethod> RevokedMethods, int CancelledChallenges, int RemovedAutoApproveRules, DateTimeOffset RevokedAt,
    HistoryEntryView? LastKnownGood, IEnumerable<HistoryEntryView> ActivitySinceLastKnownGood)
{
    public static RevocationResponse Of(UserRevocation r) => new(r.Result.RevokedMethods, r.Result.CancelledChallenges, r.Result.RemovedAutoApproveRules, r.Result.RevokedAt,
        r.LastKnownGood is null ? null : HistoryEntryView.Of(r.LastKnownGood), r.ActivitySinceLastKnownGood.Select(HistoryEntryView.Of));
}
