using System.Net;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>The owner manages its backup: change the passcode, move it to another contact, see it, delete it.</summary>
public sealed class ManageBackupTests
{
    private static async Task<HttpResponseMessage> UnlockWithAsync(Scenario s, string address, string passcode)
    {
        var phone = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(phone, address, address.StartsWith('+') ? "sms" : "email");
        var start = await phone.BeginRestoreAsync(verification);
        return (await phone.UnlockAsync(start, verification, passcode)).Response;
    }

    [Fact]
    public async Task ChangePasscode_OldNoLongerOpensNewDoes_SecretRewrappedAudited()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "ann@example.com", "4711", "ann");
        await BackupTestKit.AssertProblemAsync(await UnlockWithAsync(s, "ann@example.com", "0000"), HttpStatusCode.Forbidden, "passcode.wrong");

        var changed = await owner.ReplaceBackupAsync(backup.BackupId, "86420", BackupTestKit.Accounts("after-change"), 2, passcodeChange: true);

        Assert.True(changed.PasscodeChangedAt > backup.PasscodeChangedAt);
        Assert.Equal(backup.CreatedAt, changed.CreatedAt);
        Assert.Equal(10, changed.AttemptsLeft);
        await BackupTestKit.AssertProblemAsync(await UnlockWithAsync(s, "ann@example.com", "4711"), HttpStatusCode.Forbidden, "passcode.wrong");
        var phone = await s.DeviceAsync();
        var restored = await phone.RestoreAsync(await BackupTestKit.VerifyAsync(phone, "ann@example.com"), "86420");
        Assert.Equal(BackupTestKit.Accounts("after-change"), restored.Plaintext);
        Assert.NotEmpty(await s.AuditAsync("userId=ann&action=backup.passcode-changed", a => a.Count > 0));
    }

    [Fact]
    public async Task ChangePasscode_UnsignedOrTooShort_RefusedNothingChanged()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "ben@example.com", "4711", "ben");
        var prepared = await owner.PrepareBackupAsync("9999", BackupTestKit.Accounts(), 1);

        await BackupTestKit.AssertProblemAsync(await owner.SendAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}/passcode",
            new { prepared.Salt, prepared.Kdf, prepared.Enrollment, prepared.Blob, prepared.AccountCount }), HttpStatusCode.Unauthorized, "signature.missing");
        await Assert.ThrowsAsync<ArgumentException>(() => owner.ReplaceBackupAsync(backup.BackupId, "12", BackupTestKit.Accounts(), 1, passcodeChange: true));

        Assert.Equal(backup, await owner.GetBackupAsync(backup.BackupId));
        var phone = await s.DeviceAsync();
        Assert.NotNull(await phone.RestoreAsync(await BackupTestKit.VerifyAsync(phone, "ben@example.com"), "4711"));
    }

    [Fact]
    public async Task ChangeContact_EmailToMobile_RestoresThroughTheNewContactOldOneEmpty()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "cat@example.com", "4711", "cat");
        var newContact = await BackupTestKit.VerifyAsync(owner, "+4915112345678", "sms");

        var moved = await owner.ChangeBackupContactAsync(backup.BackupId, newContact);

        Assert.NotEqual(backup.BackupId, moved.BackupId);
        Assert.Equal(("sms", "**********5678", backup.CreatedAt, 2), (moved.Channel, moved.MaskedContact, moved.CreatedAt, moved.AccountCount));
        await Eventually.UntilAsync(async () => (await owner.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(20), "the old contact releases the backup");
        var probe = await s.DeviceAsync();
        var oldContact = await BackupTestKit.VerifyAsync(probe, "cat@example.com");
        await BackupTestKit.AssertProblemAsync(await probe.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = oldContact }), HttpStatusCode.NotFound, "backup.not-found");
        var phone = await s.DeviceAsync();
        var restored = await phone.RestoreAsync(await BackupTestKit.VerifyAsync(phone, "+49 151 12345678", "sms"), "4711");
        Assert.Equal(moved.BackupId, restored.BackupId);
        Assert.Equal(BackupTestKit.Accounts(), restored.Plaintext);
        Assert.NotEmpty(await s.AuditAsync("userId=cat&action=backup.contact-changed", a => a.Count > 0));
    }

    [Fact]
    public async Task ChangeContact_UnverifiedOrSameOrOccupied_4xxBackupStays()
    {
        await using var s = await Scenario.SqliteAsync();
        var owner = await s.DeviceAsync();
        await s.PairAsync(owner, "dot");
        var same = await BackupTestKit.VerifyAsync(owner, "dot@example.com");
        var backup = await owner.CreateBackupAsync(same, "4711", BackupTestKit.Accounts(), 1);
        var (_, taken) = await BackupTestKit.BackedUpDeviceAsync(s, "taken@example.com", "4711", "eve");
        var pending = (await owner.StartContactVerificationAsync("email", "dot-new@example.com")).VerificationId;
        var occupied = await BackupTestKit.VerifyAsync(owner, "taken@example.com");

        await BackupTestKit.AssertProblemAsync(await owner.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}/contact", new { verificationId = pending }),
            HttpStatusCode.Forbidden, "contact.unverified");
        await BackupTestKit.AssertProblemAsync(await owner.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}/contact", new { verificationId = same }),
            HttpStatusCode.BadRequest, "contact.unchanged");
        await BackupTestKit.AssertProblemAsync(await owner.SendSignedAsync(HttpMethod.Put, $"/v1/device/backups/{backup.BackupId}/contact", new { verificationId = occupied }),
            HttpStatusCode.Conflict, "backup.exists");

        Assert.Equal(backup, await owner.GetBackupAsync(backup.BackupId));
        Assert.Equal("Active", taken.Status);
    }

    [Fact]
    public async Task Delete_ThenNothingToRestoreOrSee_Audited()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "fox@example.com", "4711", "fox");

        await owner.DeleteBackupAsync(backup.BackupId);

        await BackupTestKit.AssertProblemAsync(await owner.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        await BackupTestKit.AssertProblemAsync(await owner.SendSignedAsync(HttpMethod.Delete, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        var phone = await s.DeviceAsync();
        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = await BackupTestKit.VerifyAsync(phone, "fox@example.com") }),
            HttpStatusCode.NotFound, "backup.not-found");
        Assert.NotEmpty(await s.AuditAsync("userId=fox&action=backup.deleted", a => a.Count > 0));
    }

    [Fact]
    public async Task Update_AfterANewPairing_CountsTheNewAccount()
    {
        await using var s = await Scenario.SqliteAsync();
        var (owner, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "gil@example.com", "4711", "gil");
        await s.PairAsync(owner, "gil.work");

        var updated = await owner.ReplaceBackupAsync(backup.BackupId, "4711", BackupTestKit.Accounts("two"), 3, passcodeChange: false);

        Assert.Equal((3, 2), (updated.AccountCount, updated.PushAccountCount));
        Assert.True(updated.UpdatedAt > backup.UpdatedAt);
        Assert.Equal(backup.PasscodeChangedAt, updated.PasscodeChangedAt);
    }

    [Fact]
    public async Task ChangePasscode_RestoredDeviceNotYetPairedAgain_AllowedPushAccountsKept()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "hil@example.com", "4711", "hil");
        var phone = await s.DeviceAsync();
        await phone.RestoreAsync(await BackupTestKit.VerifyAsync(phone, "hil@example.com"), "4711");

        var changed = await phone.ReplaceBackupAsync(backup.BackupId, "97531", BackupTestKit.Accounts(), 2, passcodeChange: true);

        Assert.Equal((1, "Active"), (changed.PushAccountCount, changed.Status));
    }
}
