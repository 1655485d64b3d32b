using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Backup;

namespace PushAuth.Silo.Endpoints;

/// <summary>Restore on a new device: verify the contact, get the salt, prove the passcode, get the blob and the sealed secret.</summary>
internal static partial class BackupEndpoints
{
    private static void MapRestore(RouteGroupBuilder device)
    {
        device.MapPost("/restores", async (BeginRestoreBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var contactKey = Verified(body.VerificationId);
            return Results.Ok(await grains.GetGrain<IBackupGrain>(contactKey).BeginRestoreAsync(body.VerificationId!, deviceId,
                (await PushAccountsAsync(grains, deviceId, ct)).Count, IdentityEndpoints.Origin(http), ct));
        }).WithName("BeginRestore").WithSummary("Start restoring the backup of a verified contact onto this device (which must have no accounts)");

        device.MapPost("/restores/{backupId}/unlock", async (string backupId, UnlockBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var contactKey = Verified(body.VerificationId);
            if (BackupIds.ContactOfBackup(backupId) != contactKey)
            {
                throw ProblemCodes.Backup.ContactUnverified.Error("The verification is not of the contact this backup is kept for.");
            }
            if (string.IsNullOrEmpty(body.Proof))
            {
                throw ProblemCodes.Backup.ProofInvalid.Error("'proof' is required: the auth key sealed to the server's backup key.");
            }
            return Results.Ok(await grains.GetGrain<IBackupGrain>(contactKey).UnlockAsync(body.VerificationId!, deviceId, (await PushAccountsAsync(grains, deviceId, ct)).Count,
                body.Proof, IdentityEndpoints.Origin(http), ct));
        }).WithName("UnlockBackup").WithSummary("Prove the passcode: 10 wrong proofs lock or destroy the backup; a right one returns the blob and the sealed secret");
    }

    private static string Verified(string? verificationId) =>
        BackupIds.ContactOfVerification(verificationId)
            ?? throw ProblemCodes.Backup.ContactUnverified.Error("'verificationId' must be a verification of the email address or mobile number the backup is kept for.");
}
