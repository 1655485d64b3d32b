using System.Buffers.Text;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Backup;
using PushAuth.Security.Backup;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Backup;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>The backup itself and its management by the device that owns it.</summary>
internal static partial class BackupEndpoints
{
    private const int MaxAccountCount = 1000;

    private static void MapBackups(RouteGroupBuilder device)
    {
        // Uploads carry the blob in base64: they may be larger than the silo's JSON body limit, by what the blob needs.
        var services = ((IEndpointRouteBuilder)device).ServiceProvider;
        var upload = new BodySizeLimit(() => BodySizeLimit.ForBackup(services.GetRequiredService<IOptions<BackupOptions>>().Value.MaxBlobBytes,
            services.GetRequiredService<IOptions<SiloOptions>>().Value.MaxRequestBodyBytes));
        device.MapGet("/backup-parameters", async (BackupKeyMaterial keys, IOptions<BackupOptions> options, CancellationToken ct) =>
        {
            var server = await keys.ActiveAsync(ct);
            var o = options.Value;
            return Results.Ok(new
            {
                keyId = server.KeyId,
                serverKey = Base64Url.EncodeToString(server.SealingPublicKey),
                kdf = new BackupKdf(KdfParameters.Argon2id, o.KdfMemoryKiB, o.KdfIterations, 1),
                minimumKdf = new BackupKdf(KdfParameters.Argon2id, o.MinKdfMemoryKiB, o.MinKdfIterations, 1),
                maxBlobBytes = o.MaxBlobBytes,
                minPasscodeDigits = PasscodeRules.MinDigits,
                maxFailedAttempts = o.MaxFailedAttempts,
                afterTooManyFailures = o.AfterTooManyFailures.ToString(),
            });
        }).WithName("BackupParameters").WithSummary("The server's backup key to seal to, the KDF parameters to use, the limits");

        device.MapPost("/backups", async (CreateBackupBody body, HttpContext http, IGrainFactory grains, IOptions<BackupOptions> options, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            var upload = Upload(body.Salt, body.Kdf, body.Enrollment, body.Blob, body.AccountCount, options.Value);
            var contactKey = BackupIds.ContactOfVerification(body.VerificationId)
                ?? throw PushAuthException.Forbidden("contact.unverified", "'verificationId' must be a verification of the email address or mobile number to back up to.");
            var summary = await grains.GetGrain<IBackupGrain>(contactKey).CreateAsync(body.VerificationId!, deviceId, await PushAccountsAsync(grains, deviceId, ct), upload,
                body.ReplaceExisting ?? false, IdentityEndpoints.Origin(http), ct);
            return Results.Created($"/v1/device/backups/{summary.BackupId}", summary);
        }).Produces<BackupSummary>(StatusCodes.Status201Created).WithMetadata(upload).WithName("CreateBackup").WithSummary("Back up this device's accounts (encrypted on the device) to a verified contact");

        device.MapGet("/backups/{backupId}", async (string backupId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Backup(grains, backupId).GetAsync(http.GetDeviceId(), ct) ?? throw NotFound()))
            .WithName("GetBackup").WithSummary("This device's backup: last updated, how many accounts");

        device.MapPut("/backups/{backupId}", (string backupId, HttpContext http, IGrainFactory grains, IOptions<BackupOptions> options, CancellationToken ct) =>
            ReplaceAsync(backupId, passcodeChange: false, http, grains, options.Value, ct))
            .WithMetadata(upload).WithName("UpdateBackup").WithSummary("Replace the backup's contents (signed request)");

        device.MapPut("/backups/{backupId}/passcode", (string backupId, HttpContext http, IGrainFactory grains, IOptions<BackupOptions> options, CancellationToken ct) =>
            ReplaceAsync(backupId, passcodeChange: true, http, grains, options.Value, ct))
            .WithMetadata(upload).WithName("ChangeBackupPasscode").WithSummary("Change the backup passcode: new salt, verifier and wrapped secret, re-encrypted blob (signed request)");

        device.MapDelete("/backups/{backupId}", async (string backupId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            await SignedRequest.VerifyAsync(http, deviceId, ct);
            await Backup(grains, backupId).DeleteAsync(deviceId, IdentityEndpoints.Origin(http), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).WithName("DeleteBackup").WithSummary("Delete this device's backup (signed request)");

        device.MapPut("/backups/{backupId}/contact", async (string backupId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            await SignedRequest.VerifyAsync(http, deviceId, ct);
            var body = await http.Request.ReadFromJsonAsync<ChangeContactBody>(ct) ?? throw PushAuthException.Invalid("body.missing", "A JSON body is required.");
            var newContact = BackupIds.ContactOfVerification(body.VerificationId)
                ?? throw PushAuthException.Forbidden("contact.unverified", "'verificationId' must be a verification of the new email address or mobile number.");
            // One-way: the old contact's grain hands the backup over (a read); the new one takes it and owes the old one its release.
            var transfer = await Backup(grains, backupId).ExportForMoveAsync(deviceId, ct);
            return Results.Ok(await grains.GetGrain<IBackupGrain>(newContact).AdoptAsync(transfer, body.VerificationId!, deviceId, IdentityEndpoints.Origin(http), ct));
        }).WithName("ChangeBackupContact").WithSummary("Move the backup to a newly verified email address or mobile number (signed request)");

        device.MapGet("/notices", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IDeviceNoticeGrain>(http.GetDeviceId()).GetNoticesAsync(ct)))
            .WithName("DeviceNotices").WithSummary("Notices for this device (its backup restored or replaced elsewhere); also announced by a push of kind notice");

        device.MapDelete("/notices/{noticeId}", async (string noticeId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            await grains.GetGrain<IDeviceNoticeGrain>(http.GetDeviceId()).AcknowledgeNoticeAsync(noticeId, ct)
                ? Results.NoContent() : throw PushAuthException.NotFound("notice.not-found", "No such notice."))
            .Produces(StatusCodes.Status204NoContent).WithName("AcknowledgeDeviceNotice");
    }

    private static async Task<IResult> ReplaceAsync(string backupId, bool passcodeChange, HttpContext http, IGrainFactory grains, BackupOptions options, CancellationToken ct)
    {
        var deviceId = http.GetDeviceId();
        var grain = Backup(grains, backupId);
        await SignedRequest.VerifyAsync(http, deviceId, ct);
        var body = await http.Request.ReadFromJsonAsync<ReplaceBackupBody>(ct) ?? throw PushAuthException.Invalid("body.missing", "A JSON body is required.");
        var upload = Upload(body.Salt, body.Kdf, body.Enrollment, body.Blob, body.AccountCount, options);
        return Results.Ok(await grain.ReplaceAsync(deviceId, await PushAccountsAsync(grains, deviceId, ct), upload, passcodeChange, IdentityEndpoints.Origin(http), ct));
    }

    /// <summary>Shape checks of an upload; the grain checks what needs the master key (the sealed enrollment).</summary>
    private static BackupUpload Upload(string? salt, KdfBody? kdfBody, string? enrollment, string? blob, int? accountCount, BackupOptions options)
    {
        if (accountCount is not (>= 1 and <= MaxAccountCount))
        {
            throw PushAuthException.Invalid("accountCount.invalid", $"'accountCount' must be 1..{MaxAccountCount}: the number of accounts in the backup.");
        }
        if (salt is not { Length: 22 })
        {
            throw PushAuthException.Invalid("salt.invalid", $"'salt' must be {PasscodeKeys.SaltSize} random bytes, base64url.");
        }
        var kdf = new KdfParameters(kdfBody?.Algorithm ?? "", kdfBody?.MemoryKiB ?? 0, kdfBody?.Iterations ?? 0, kdfBody?.Parallelism ?? 0);
        if (kdf.Problem(new KdfParameters(KdfParameters.Argon2id, options.MinKdfMemoryKiB, options.MinKdfIterations, 1)) is { } problem)
        {
            throw PushAuthException.Invalid("kdf.invalid", problem);
        }
        if (string.IsNullOrEmpty(enrollment))
        {
            throw PushAuthException.Invalid("enrollment.invalid", "'enrollment' is required: the auth key and a new secret sealed to the server's backup key.");
        }
        if (string.IsNullOrEmpty(blob))
        {
            throw PushAuthException.Invalid("blob.invalid", "'blob' is required: the accounts encrypted on the device, base64url.");
        }
        // Compare the encoded length first, so an oversized blob is never decoded.
        if (blob.Length > ((options.MaxBlobBytes + 2) / 3 * 4) + 4)
        {
            throw PushAuthException.TooLarge("blob.too-large", $"'blob' must be at most {options.MaxBlobBytes} bytes.");
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(blob);
        }
        catch (FormatException)
        {
            throw PushAuthException.Invalid("blob.invalid", "'blob' must be base64url.");
        }
        if (bytes.Length > options.MaxBlobBytes)
        {
            throw PushAuthException.TooLarge("blob.too-large", $"'blob' must be at most {options.MaxBlobBytes} bytes.");
        }
        if (!BackupBlobCipher.IsWellFormed(bytes))
        {
            throw PushAuthException.Invalid("blob.invalid", "'blob' is not an encrypted backup (version 1: nonce, ciphertext and tag).");
        }
        return new BackupUpload(salt, new BackupKdf(kdf.Algorithm, kdf.MemoryKiB, kdf.Iterations, kdf.Parallelism), enrollment, blob, accountCount.Value);
    }

    /// <summary>The device's pairings: the push accounts a backup covers, and what "at least one connected account" counts.</summary>
    private static async Task<IReadOnlyList<BackupAccount>> PushAccountsAsync(IGrainFactory grains, string deviceId, CancellationToken ct)
    {
        var info = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync(ct);
        return [.. (info?.PairedUsers ?? []).Select(p => p.Split('/', 2)).Where(p => p.Length == 2).Select(p => new BackupAccount(p[0], p[1]))];
    }

    private static IBackupGrain Backup(IGrainFactory grains, string backupId) =>
        grains.GetGrain<IBackupGrain>(BackupIds.ContactOfBackup(backupId) ?? throw NotFound());

    private static PushAuthException NotFound() => PushAuthException.NotFound("backup.not-found", "No such backup for this device.");
}
