using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>A user as an admin sees them for recovery; <see cref="RecentActivity"/> is null for a role that may not read the history.</summary>
public sealed record UserRecovery(string UserId, UserRecoveryView Status, IReadOnlyList<HistoryRecord>? RecentActivity);
