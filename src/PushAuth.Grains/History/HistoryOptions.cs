namespace PushAuth.Grains.History;

/// <summary>Bound from <c>PushAuth:History</c>: the chain key, where checkpoints go, and the operator's retention floor.</summary>
internal sealed class HistoryOptions
{
    /// <summary>HMAC keys of the chain (≥ 32 bytes each), <c>keyId:base64[;keyId:base64…]</c> or one bare base64 key (id
    /// <c>1</c>): the active key links new entries and signs checkpoints, every key still verifies. Required outside
    /// Development; never stored in the database.</summary>
    public string? ChainKeys { get; set; }

    /// <summary>Which of <see cref="ChainKeys"/> links new entries (default: the first).</summary>
    public string? ActiveChainKeyId { get; set; }

    /// <summary>A directory outside the database (a volume every silo mounts, synced to object storage with a retention
    /// lock, say) where each tenant's signed checkpoint is written: a database restored from an older copy, or newest
    /// entries deleted, no longer reaches it. Required outside Development.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>How often an active tenant's head is checkpointed (and at deactivation).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The fewest days of history every tenant keeps: a tenant Admin cannot set <c>historyRetentionDays</c> below it.</summary>
    public int MinRetentionDays { get; set; } = 30;
}
