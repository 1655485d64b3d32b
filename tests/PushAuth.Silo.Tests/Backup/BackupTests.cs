using System.Net;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Backing up: what the server keeps and shows, and every refusal (problem+json 4xx, nothing written).</summary>
public sealed class BackupTests
{
    private static async Task<HttpResponseMessage> PostBackupAsync(DeviceClient device, string verificationId, PreparedBackup prepared, bool replaceExisting = false) =>
        await device.SendAsync(HttpMethod.Post, "/v1/device/backups", DeviceClient.CreateBody(verificationId, prepared, replaceExisting));

    [Fact]
    public async Task Create_PairedDeviceVerifiedEmail_SavedWithCountAndDatesAudited()
    {
        await using var s = await Scenario.SqliteAsync();
        var before = DateTimeOffset.UtcNow;

        var (device, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "alice@example.com", "4711");

        Assert.StartsWith("bk_", backup.BackupId, StringComparison.Ordinal);
        Assert.Equal(("email", "a***@example.com", 2, 1, "Active", 10), (backup.Channel, backup.MaskedContact, backup.AccountCount, backup.PushAccountCount, backup.Status, backup.AttemptsLeft));
        Assert.InRange(backup.UpdatedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(backup, await device.GetBackupAsync(backup.BackupId));
        var audit = await s.AuditAsync("userId=alice&action=backup.created", a => a.Count > 0);
        var created = Assert.Single(audit);
        Assert.Equal((device.DeviceId, "backup", "saved"), (created.GetProperty("actor").GetString(), created.GetProperty("method").GetString(), created.GetProperty("outcome").GetString()));
        Assert.Contains("contact=email:a***@example.com", created.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NoConnectedAccount_409AndNothingSaved()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(device, "bob@example.com");
        var prepared = await device.PrepareBackupAsync("4711", BackupTestKit.Accounts(), 1);

        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, prepared), HttpStatusCode.Conflict, "backup.no-connected-account");

        // Nothing was written: a restore by another device finds no backup.
        var other = await s.DeviceAsync();
        var otherVerification = await BackupTestKit.VerifyAsync(other, "bob@example.com");
        await BackupTestKit.AssertProblemAsync(await other.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = otherVerification }), HttpStatusCode.NotFound, "backup.not-found");
    }

    [Fact]
    public async Task Create_UnverifiedContact_403ForPendingForeignAndMissingVerifications()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "carol");
        var other = await s.DeviceAsync();
        var pending = (await device.StartContactVerificationAsync("email", "carol@example.com")).VerificationId;
        var foreign = await BackupTestKit.VerifyAsync(other, "carol2@example.com");
        var prepared = await device.PrepareBackupAsync("4711", BackupTestKit.Accounts(), 1);

        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, pending, prepared), HttpStatusCode.Forbidden, "contact.unverified");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, foreign, prepared), HttpStatusCode.Forbidden, "contact.unverified");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, "cv_made-up", prepared), HttpStatusCode.Forbidden, "contact.unverified");
    }

    [Fact]
    public async Task Create_VerificationOlderThan15Minutes_403()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.FastKdf,
            configure: b => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(b.Services, clock));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "dan");
        var verification = await BackupTestKit.VerifyAsync(device, "dan@example.com");
        var prepared = await device.PrepareBackupAsync("4711", BackupTestKit.Accounts(), 1);

        clock.Advance(TimeSpan.FromMinutes(14));
        await device.OpenSessionAsync();
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, prepared), HttpStatusCode.Forbidden, "contact.unverified");
    }

    [Fact]
    public async Task Create_OversizedMalformedOrWeakUploads_4xxNamingTheField()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "erin");
        var verification = await BackupTestKit.VerifyAsync(device, "erin@example.com");
        var good = await device.PrepareBackupAsync("4711", BackupTestKit.Accounts(), 1);
        var huge = await device.PrepareBackupAsync("4711", new byte[64 * 1024], 1);
        var atLimit = await device.PrepareBackupAsync("4711", new byte[(64 * 1024) - 41], 1);
        var otherDevice = await s.DeviceAsync();
        var sealedForOther = await otherDevice.PrepareBackupAsync("4711", BackupTestKit.Accounts(), 1);

        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, huge), HttpStatusCode.RequestEntityTooLarge, "blob.too-large");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Blob = "not base64url!" }), HttpStatusCode.BadRequest, "blob.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Blob = "AQID" }), HttpStatusCode.BadRequest, "blob.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Blob = "" }), HttpStatusCode.BadRequest, "blob.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Salt = "short" }), HttpStatusCode.BadRequest, "salt.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Kdf = good.Kdf with { MemoryKiB = 1024 } }), HttpStatusCode.BadRequest, "kdf.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Kdf = good.Kdf with { Algorithm = "pbkdf2" } }), HttpStatusCode.BadRequest, "kdf.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { AccountCount = 0 }), HttpStatusCode.BadRequest, "accountCount.invalid");
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Enrollment = "" }), HttpStatusCode.BadRequest, "enrollment.invalid");
        // Sealed for another device (the context binds the device id): it does not open.
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Enrollment = sealedForOther.Enrollment }), HttpStatusCode.BadRequest, "enrollment.invalid");
        // Sealed with another salt than the one sent.
        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(device, verification, good with { Salt = sealedForOther.Salt }), HttpStatusCode.BadRequest, "enrollment.invalid");
        using var notJson = await device.SendAsync(HttpMethod.Post, "/v1/device/backups", "just a string");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        // Nothing was saved by any of them; the bound itself is accepted.
        Assert.Equal(HttpStatusCode.Created, (await PostBackupAsync(device, verification, atLimit)).StatusCode);
    }

    [Fact]
    public async Task Prepare_PasscodeTooShortOrNotDigits_RefusedOnTheDeviceNothingSent()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();

        var tooShort = await Assert.ThrowsAsync<ArgumentException>(() => device.PrepareBackupAsync("123", BackupTestKit.Accounts(), 1));
        var letters = await Assert.ThrowsAsync<ArgumentException>(() => device.PrepareBackupAsync("12ab", BackupTestKit.Accounts(), 1));

        Assert.StartsWith("passcode.too-short", tooShort.Message, StringComparison.Ordinal);
        Assert.StartsWith("passcode.invalid", letters.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ContactHoldsAnotherDevicesBackup_409UnlessReplaceExisting_OldOwnerTold()
    {
        await using var s = await Scenario.SqliteAsync();
        var (first, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "frank@example.com", "4711");
        var second = await s.DeviceAsync();
        await s.PairAsync(second, "frank");
        var verification = await BackupTestKit.VerifyAsync(second, "frank@example.com");
        var prepared = await second.PrepareBackupAsync("2580", BackupTestKit.Accounts("second"), 1);

        await BackupTestKit.AssertProblemAsync(await PostBackupAsync(second, verification, prepared), HttpStatusCode.Conflict, "backup.exists");
        Assert.Equal(backup, await first.GetBackupAsync(backup.BackupId));

        using var replaced = await PostBackupAsync(second, verification, prepared, replaceExisting: true);
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        await BackupTestKit.AssertProblemAsync(await first.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        await PushAuth.Testing.Eventually.UntilAsync(async () => (await first.GetNoticesAsync()).Any(n => n.Kind == "backup-replaced"), TimeSpan.FromSeconds(20), "the old owner is told");
    }

    [Fact]
    public async Task Manage_AnotherDevicesBackupId_404AndTheBackupUntouched()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "gina@example.com", "4711");
        var intruder = await s.DeviceAsync();
        await s.PairAsync(intruder, "mallory");
        var prepared = await intruder.PrepareBackupAsync("0000", BackupTestKit.Accounts("mallory"), 1);
        var body = new { prepared.Salt, prepared.Kdf, prepared.Enrollment, prepared.Blob, prepared.AccountCount };

        await BackupTestKit.AssertProblemAsync(await intruder.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        await BackupTestKit.AssertProblemAsync(await intruder.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}", body), HttpStatusCode.NotFound, "backup.not-found");
        await BackupTestKit.AssertProblemAsync(await intruder.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}/passcode", body), HttpStatusCode.NotFound, "backup.not-found");
        await BackupTestKit.AssertProblemAsync(await intruder.SendSignedAsync(HttpMethod.Delete, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        await BackupTestKit.AssertProblemAsync(await intruder.SendAsync(HttpMethod.Get, "/v1/device/backups/bk_nonsense"), HttpStatusCode.NotFound, "backup.not-found");

        Assert.Equal(backup, await owner.GetBackupAsync(backup.BackupId));
    }
}
