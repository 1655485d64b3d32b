namespace PushAuth.Client;

/// <summary>A push challenge as the login service sees it. <paramref name="Status"/>: Pending, Approved, Denied, Expired or Cancelled;
/// <paramref name="DenyReason"/>: Declined, Fraud, Mistake or NumberMismatch.</summary>
public sealed record ChallengeResult(string ChallengeId, string UserId, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ResolvedAt,
    string? NumberMatch, string? DenyReason, bool AutoApproved)
{
    public bool IsPending => Status == "Pending";
}
