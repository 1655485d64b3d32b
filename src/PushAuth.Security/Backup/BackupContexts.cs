namespace PushAuth.Security.Backup;

/// <summary>
/// The contexts sealed messages are bound to (their associated data), versioned and newline-separated like the
/// signed strings: an enrollment sealed for one device and salt cannot be replayed for another, an unlock proof is
/// good for one device, one backup, one contact verification and one salt.
/// </summary>
public static class BackupContexts
{
    public const string EnrollTag = "PA1-BACKUP-ENROLL";
    public const string UnlockTag = "PA1-BACKUP-UNLOCK";

    /// <summary>Sealed at backup creation and passcode change: the auth key and the new server secret.</summary>
    public static string Enroll(string deviceId, string salt) =>
        CanonicalFields.Join(("tag", EnrollTag, false), (nameof(deviceId), deviceId, false), (nameof(salt), salt, false));

    /// <summary>Sealed at restore: the auth key, for this backup's current salt.</summary>
    public static string Unlock(string deviceId, string backupId, string verificationId, string salt) =>
        CanonicalFields.Join(("tag", UnlockTag, false), (nameof(deviceId), deviceId, false), (nameof(backupId), backupId, false),
            (nameof(verificationId), verificationId, false), (nameof(salt), salt, false));
}
