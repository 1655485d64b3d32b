using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>What "revoke all" did, the user's last successful verification before the loss, and everything since it (newest first).</summary>
public sealed record UserRevocation(RevocationResult Result, HistoryRecord? LastKnownGood, IReadOnlyList<HistoryRecord> ActivitySinceLastKnownGood);
