namespace PushAuth.Grains.Backup;

/// <summary>What happens to a backup after too many wrong passcodes.</summary>
internal enum BackupFailurePolicy
{
    /// <summary>The blob, the wrapped secret and the verifier are erased; only a tombstone saying so remains.</summary>
    Destroy,

    /// <summary>Kept but unlockable; its owner device can still delete or replace it.</summary>
    Lock,
}
