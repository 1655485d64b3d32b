namespace PushAuth.Client;

/// <summary>A push challenge as the login service sees it (<c>POST /v1/challenges</c>, <c>GET /v1/challenges/{id}</c>).</summary>
/// <param name="ChallengeId">The challenge, to long-poll or cancel.</param>
/// <param name="UserId">The user asked.</param>
/// <param name="Status"><c>Pending</c>, <c>Approved</c>, <c>Denied</c>, <c>Expired</c> or <c>Cancelled</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it expires unanswered.</param>
/// <param name="ResolvedAt">When it left <c>Pending</c>; null while pending.</param>
/// <param name="NumberMatch">The number the login page shows, which the user types on the phone; null without number matching.
/// Only the creator's answer carries it, never the phone's.</param>
/// <param name="DenyReason">On <c>Denied</c>: <c>Declined</c>, <c>Fraud</c> (not me), <c>Mistake</c> or <c>NumberMismatch</c>.</param>
/// <param name="AutoApproved">True when a location rule approved it without the phone.</param>
public sealed record ChallengeResult(string ChallengeId, string UserId, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ResolvedAt,
    string? NumberMatch, string? DenyReason, bool AutoApproved)
{
    /// <summary>True while the user has not answered and the challenge has not expired or been cancelled: ask again.</summary>
    public bool IsPending => Status == "Pending";

    /// <summary>True when the sign-in may go on: the user approved (or a location rule did).</summary>
    public bool IsApproved => Status == "Approved";
}
