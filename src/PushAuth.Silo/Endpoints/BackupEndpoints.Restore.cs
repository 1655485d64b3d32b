using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Backup;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>Restore on a new device: verify the contact, get the salt, prove the passcode, get the blob and the sealed secret.</summary>
internal static partial class BackupEndpoints
{
    private static void MapRestore(RouteGroupBuilder device)
    {
        device.MapPost("/restores", async (BeginRestoreBody body, HttpContext http, IBackupService backups, CancellationToken ct) =>
            TypedResults.Ok(await backups.BeginRestoreAsync(http.GetDeviceId(), body.VerificationId, http.Origin(), ct)))
            .WithName("BeginRestore").Problems(ProblemCodes.Backup.ContactUnverified).WithSummary("Start restoring the backup of a verified contact onto this device (which must have no accounts)");

        device.MapPost("/restores/{backupId}/unlock", async (string backupId, UnlockBody body, HttpContext http, IBackupService backups, CancellationToken ct) =>
            TypedResults.Ok(await backups.UnlockAsync(http.GetDeviceId(), backupId, body.VerificationId, body.Proof, http.Origin(), ct)))
            .WithName("UnlockBackup").Problems(ProblemCodes.Backup.ContactUnverified).WithSummary("Prove the passcode: 10 wrong proofs lock or destroy the backup; a right one returns the blob and the sealed secret");
    }
}
