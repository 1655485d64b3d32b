namespace PushAuth.History;

/// <summary>A page of one tenant's history, newest first. Filters are exact matches; <see cref="From"/> is
/// inclusive and <see cref="To"/> exclusive. <see cref="BeforeSequence"/> is the cursor: the sequence of the last
/// entry of the previous page.</summary>
public sealed record HistoryQuery(
    string TenantId,
    string? UserId = null,
    string? Method = null,
    string? Status = null,
    string? Activity = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeSequence = null,
    int Limit = 100);
