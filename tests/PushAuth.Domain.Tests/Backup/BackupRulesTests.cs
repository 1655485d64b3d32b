using FsCheck.Xunit;
using PushAuth.Domain.Backup;
using PushAuth.Security.Backup;

namespace PushAuth.Domain.Tests.Backup;

public sealed class BackupRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static BackupState WithBackup() => new()
    {
        Backup = new StoredBackup("dv_old", "email", "a***@example.com", "salt", KdfParameters.Default, "verifier", "wrapped", "bk1-x", "blob", 2,
            [new BackupAccountRef("acme", "alice")], T0, T0, T0, 0, false, null, null),
    };

    [Property]
    public bool Wrong_DestroyPolicy_GoneExactlyAtTheLimit(byte wrong)
    {
        var n = 1 + (wrong % 12);
        var s = WithBackup();
        var outcome = BackupUnlockOutcome.Counted;
        for (var i = 0; i < n && s.Backup is not null; i++)
        {
            (s, outcome) = BackupRules.Wrong(s, 10, destroy: true, T0);
        }
        return n >= 10
            ? s.Backup is null && s.Tombstone?.Reason == "destroyed" && outcome == BackupUnlockOutcome.Destroyed && BackupRules.RestoreRefusal(s, 0) == "backup.destroyed"
            : s.Backup!.FailedAttempts == n && outcome == BackupUnlockOutcome.Counted && BackupRules.RestoreRefusal(s, 0) is null;
    }

    [Fact]
    public void Wrong_LockPolicy_KeptButRefused()
    {
        var s = WithBackup();
        (s, _) = BackupRules.Wrong(s, 3, destroy: false, T0);
        (s, _) = BackupRules.Wrong(s, 3, destroy: false, T0);
        var (locked, outcome) = BackupRules.Wrong(s, 3, destroy: false, T0);

        Assert.Equal(BackupUnlockOutcome.Locked, outcome);
        Assert.True(locked.Backup!.Locked);
        Assert.Equal("backup.locked", BackupRules.RestoreRefusal(locked, 0));
        Assert.Equal(0, BackupRules.AttemptsLeft(locked.Backup, 3));
    }

    [Fact]
    public void Restored_ResetsTheCountAndMovesOwnership()
    {
        var (s, _) = BackupRules.Wrong(WithBackup(), 10, destroy: true, T0);

        var restored = BackupRules.Restored(s, "dv_new", T0.AddMinutes(1));

        Assert.Equal((0, "dv_new", "dv_new"), (restored.Backup!.FailedAttempts, restored.Backup.OwnerDeviceId, restored.Backup.LastRestoredDeviceId));
    }

    [Fact]
    public void RestoreRefusal_DeviceWithAccountsFirst_ThenMissingOrDeleted()
    {
        Assert.Equal("restore.device-has-accounts", BackupRules.RestoreRefusal(WithBackup(), 1));
        Assert.Equal("backup.not-found", BackupRules.RestoreRefusal(new BackupState(), 0));
        Assert.Equal("backup.not-found", BackupRules.RestoreRefusal(new BackupState { Tombstone = new BackupTombstone("deleted", T0) }, 0));
    }
}
