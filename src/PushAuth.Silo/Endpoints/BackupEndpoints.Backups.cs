using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Backup;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>The backup itself and its management by the device that owns it.</summary>
internal static partial class BackupEndpoints
{
    private static void MapBackups(RouteGroupBuilder device)
    {
        // Uploads carry the blob in base64: they may be larger than the silo's JSON body limit, by what the blob needs.
        var services = ((IEndpointRouteBuilder)device).ServiceProvider;
        var upload = new BodySizeLimit(() => BodySizeLimit.ForBackup(services.GetRequiredService<IBackupService>().MaxBlobBytes,
            services.GetRequiredService<IOptions<SiloOptions>>().Value.MaxRequestBodyBytes));
        device.MapGet("/backup-parameters", async (IBackupService backups, CancellationToken ct) => TypedResults.Ok(await backups.ParametersAsync(ct)))
            .WithName("BackupParameters").WithSummary("The server's backup key to seal to, the KDF parameters to use, the limits");

        device.MapPost("/backups", async Task<Created<BackupSummary>> (CreateBackupBody body, HttpContext http, IBackupService backups, CancellationToken ct) =>
        {
            var summary = await backups.CreateAsync(http.GetDeviceId(), body.VerificationId, Upload(body.Salt, body.Kdf, body.Enrollment, body.Blob, body.AccountCount),
                body.ReplaceExisting ?? false, http.Origin(), ct);
            return TypedResults.Created($"/v1/device/backups/{summary.BackupId}", summary);
        }).WithMetadata(upload).WithName("CreateBackup").Problems(ProblemCodes.Backup.ContactUnverified).WithSummary("Back up this device's accounts (encrypted on the device) to a verified contact");

        device.MapGet("/backups/{backupId}", async (string backupId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await Backup(grains, backupId).GetAsync(http.GetDeviceId(), ct) ?? throw NotFound()))
            .WithName("GetBackup").Problems(ProblemCodes.Backup.NotFound).WithSummary("This device's backup: last updated, how many accounts");

        device.MapPut("/backups/{backupId}", (string backupId, HttpContext http, IBackupService backups, CancellationToken ct) =>
            ReplaceAsync(backupId, passcodeChange: false, http, backups, ct))
            .RequireSignedRequest().Accepts<ReplaceBackupBody>("application/json").WithMetadata(upload).WithName("UpdateBackup").WithSummary("Replace the backup's contents (signed request)");

        device.MapPut("/backups/{backupId}/passcode", (string backupId, HttpContext http, IBackupService backups, CancellationToken ct) =>
            ReplaceAsync(backupId, passcodeChange: true, http, backups, ct))
            .RequireSignedRequest().Accepts<ReplaceBackupBody>("application/json").WithMetadata(upload).WithName("ChangeBackupPasscode")
            .WithSummary("Change the backup passcode: new salt, verifier and wrapped secret, re-encrypted blob (signed request)");

        device.MapDelete("/backups/{backupId}", async (string backupId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            await Backup(grains, backupId).DeleteAsync(http.GetDeviceId(), http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireSignedRequest().WithName("DeleteBackup").WithSummary("Delete this device's backup (signed request)");

        device.MapPut("/backups/{backupId}/contact", async (string backupId, HttpContext http, IBackupService backups, CancellationToken ct) =>
        {
            var body = await http.Request.ReadFromJsonAsync<ChangeContactBody>(ct) ?? throw ProblemCodes.Requests.BodyMissing.Error("A JSON body is required.");
            return TypedResults.Ok(await backups.ChangeContactAsync(http.GetDeviceId(), backupId, body.VerificationId, http.Origin(), ct));
        }).RequireSignedRequest().Accepts<ChangeContactBody>("application/json").Problems(ProblemCodes.Backup.ContactUnverified).WithName("ChangeBackupContact").WithSummary("Move the backup to a newly verified email address or mobile number (signed request)");

        device.MapGet("/notices", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IDeviceNoticeGrain>(http.GetDeviceId()).GetNoticesAsync(ct)))
            .WithName("DeviceNotices").WithSummary("Notices for this device (its backup restored or replaced elsewhere); also announced by a push of kind notice");

        device.MapDelete("/notices/{noticeId}", async (string noticeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            await grains.GetGrain<IDeviceNoticeGrain>(http.GetDeviceId()).AcknowledgeNoticeAsync(noticeId, ct)
                ? TypedResults.NoContent() : throw ProblemCodes.Devices.NoticeNotFound.Error("No such notice."))
            .WithName("AcknowledgeDeviceNotice").Problems(ProblemCodes.Devices.NoticeNotFound).WithSummary("Acknowledge (remove) a notice shown on this device");
    }

    private static async Task<Ok<BackupSummary>> ReplaceAsync(string backupId, bool passcodeChange, HttpContext http, IBackupService backups, CancellationToken ct)
    {
        var body = await http.Request.ReadFromJsonAsync<ReplaceBackupBody>(ct) ?? throw ProblemCodes.Requests.BodyMissing.Error("A JSON body is required.");
        return TypedResults.Ok(await backups.ReplaceAsync(http.GetDeviceId(), backupId, Upload(body.Salt, body.Kdf, body.Enrollment, body.Blob, body.AccountCount),
            passcodeChange, http.Origin(), ct));
    }

    /// <summary>An upload as sent; the backup service checks it.</summary>
    private static BackupUploadRequest Upload(string? salt, KdfBody? kdf, string? enrollment, string? blob, int? accountCount) =>
        new(salt, new BackupKdf(kdf?.Algorithm ?? "", kdf?.MemoryKiB ?? 0, kdf?.Iterations ?? 0, kdf?.Parallelism ?? 0), enrollment, blob, accountCount);

    private static IBackupGrain Backup(IGrainFactory grains, string backupId) =>
        grains.GetGrain<IBackupGrain>(BackupIds.ContactOfBackup(backupId) ?? throw NotFound());

    private static PushAuthException NotFound() => ProblemCodes.Backup.NotFound.Error("No such backup for this device.");
}
