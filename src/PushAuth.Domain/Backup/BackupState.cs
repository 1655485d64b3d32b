using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Backup;

/// <summary>The backup grain's state: the backup (if any), or why there is none, and what the grain owes.</summary>
public sealed record BackupState : IOwesEffects
{
    public StoredBackup? Backup { get; init; }

    public BackupTombstone? Tombstone { get; init; }

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
