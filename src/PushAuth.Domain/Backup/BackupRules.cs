namespace PushAuth.Domain.Backup;

/// <summary>The backup's pure decisions: what may be done to it in its state, and the counting of wrong proofs.</summary>
public static class BackupRules
{
    /// <summary>Why a restore cannot proceed in this state, or null.</summary>
    public static ProblemCode? RestoreProblem(BackupState s, int deviceAccounts) =>
        deviceAccounts > 0 ? ProblemCodes.Backup.DeviceHasAccounts
        : s.Backup is null ? s.Tombstone?.Reason == "destroyed" ? ProblemCodes.Backup.Destroyed : ProblemCodes.Backup.NotFound
        : s.Backup.Locked ? ProblemCodes.Backup.Locked
        : null;

    /// <summary>The code of <see cref="RestoreProblem"/>, as the history records it.</summary>
    public static string? RestoreRefusal(BackupState s, int deviceAccounts) => RestoreProblem(s, deviceAccounts)?.Code;

    /// <summary>A wrong proof: counted; the last allowed one locks or destroys the backup, as configured.</summary>
    public static (BackupState State, BackupUnlockOutcome Outcome) Wrong(BackupState s, int maxFailedAttempts, bool destroy, DateTimeOffset now)
    {
        var backup = s.Backup ?? throw new InvalidOperationException("No backup to count against.");
        var failed = backup.FailedAttempts + 1;
        if (failed < maxFailedAttempts)
        {
            return (s with { Backup = backup with { FailedAttempts = failed } }, BackupUnlockOutcome.Counted);
        }
        return destroy
            ? (s with { Backup = null, Tombstone = new BackupTombstone("destroyed", now) }, BackupUnlockOutcome.Destroyed)
            : (s with { Backup = backup with { FailedAttempts = failed, Locked = true } }, BackupUnlockOutcome.Locked);
    }

    /// <summary>A right proof: the count starts again and the restoring device becomes the owner.</summary>
    public static BackupState Restored(BackupState s, string deviceId, DateTimeOffset now) => s with
    {
        Backup = s.Backup! with { FailedAttempts = 0, OwnerDeviceId = deviceId, LastRestoredAt = now, LastRestoredDeviceId = deviceId },
    };

    public static int AttemptsLeft(StoredBackup b, int maxFailedAttempts) => Math.Max(0, maxFailedAttempts - b.FailedAttempts);
}
