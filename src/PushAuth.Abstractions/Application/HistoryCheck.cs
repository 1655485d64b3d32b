using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>The result of checking a tenant's history, and the checkpoint it was checked against (null when checkpoints
/// are off, in Development).</summary>
public sealed record HistoryCheck(HistoryVerification Result, HistoryCheckpoint? Checkpoint);
