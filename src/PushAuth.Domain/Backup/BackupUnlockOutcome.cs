namespace PushAuth.Domain.Backup;

/// <summary>What a wrong proof did to the backup.</summary>
public enum BackupUnlockOutcome
{
    /// <summary>Counted; attempts remain.</summary>
    Counted,

    /// <summary>The last allowed attempt: the backup is now locked.</summary>
    Locked,

    /// <summary>The last allowed attempt: the backup is now destroyed.</summary>
    Destroyed,
}
