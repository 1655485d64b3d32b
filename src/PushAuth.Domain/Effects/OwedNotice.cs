using System.Text.Json.Serialization;

namespace PushAuth.Domain.Effects;

/// <summary>A message the grain owes another grain after its own write: a user telling a device it was removed
/// (<see cref="Kinds.PairingRemoved"/>), a device telling a user it was deregistered (<see cref="Kinds.DeviceDeregistered"/>).
/// Sent outside the request turn, so it never waits on a grain that waits on this one.</summary>
/// <param name="Target">The grain key told.</param>
/// <param name="Subject">What it is about: the user key or the device id.</param>
/// <param name="Detail">More of it where a kind needs it (the backup notices: the other device, the new backup id).</param>
public sealed record OwedNotice(
    string EffectId,
    string Kind,
    string Target,
    string Subject,
    string? Detail = null) : OwedEffect(EffectId)
{
    [JsonIgnore]
    public override bool HoldsReminder => true;

    public static class Kinds
    {
        public const string PairingRemoved = "pairing-removed";
        public const string DeviceDeregistered = "device-deregistered";

        /// <summary>Backup → user grain (target): the old device (subject) loses its push method; detail = the restoring device.</summary>
        public const string RestoreRevokesDevice = "restore-revokes-device";

        /// <summary>Backup → old device (target): its backup (subject) was restored on another device (detail).</summary>
        public const string BackupRestored = "backup-restored";

        /// <summary>Backup → old owner device (target): another device (detail) replaced its backup (subject).</summary>
        public const string BackupReplaced = "backup-replaced";

        /// <summary>New contact's backup grain → old one (target): the backup with salt (subject) now lives at detail.</summary>
        public const string BackupMoved = "backup-moved";

        /// <summary>Backup → user grain (target): notices go to the contact (subject; empty = forget detail, if still it).</summary>
        public const string NoticeContact = "notice-contact";
    }
}
