using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.DeviceSimulator;
using PushAuth.Push;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Restore on a new device: the blob comes back, push accounts move (the old device is revoked and told), wrong passcodes count.</summary>
public sealed class RestoreTests
{
    private static async Task<bool> HasPushMethodAsync(HttpClient login, string userId, string deviceId) =>
        (await login.GetFromJsonAsync<JsonElement>($"/v1/users/{userId}/methods")).EnumerateArray()
            .Any(m => m.GetProperty("kind").GetString() == "push" && m.GetProperty("deviceId").GetString() == deviceId);

    [Fact]
    public async Task Restore_NewDevice_BlobBackOldDeviceRevokedInEveryTenantAndTold()
    {
        await using var s = await Scenario.SqliteAsync();
        var globex = await s.OtherTenantAsync("globex");
        var old = await s.DeviceAsync();
        await s.PairAsync(old, "alice");
        await globex.PairAsync(old, "alice.g", globex.Login);
        var challenge = await s.CreateChallengeAsync("alice");
        var verification = await BackupTestKit.VerifyAsync(old, "alice@example.com");
        var backup = await old.CreateBackupAsync(verification, "4711", BackupTestKit.Accounts(), 3);

        var phone = await s.DeviceAsync();
        var restoreVerification = await BackupTestKit.VerifyAsync(phone, "alice@example.com");
        var restored = await phone.RestoreAsync(restoreVerification, "4711");

        Assert.Equal(BackupTestKit.Accounts(), restored.Plaintext);
        Assert.Equal((backup.BackupId, 3), (restored.BackupId, restored.AccountCount));
        Assert.Equal([new BackupPushAccount("acme", "alice"), new BackupPushAccount("globex", "alice.g")], restored.PushAccounts.OrderBy(a => a.TenantId));
        // The old device's push credentials for those accounts are revoked in each tenant, and its challenge ends.
        await Eventually.UntilAsync(async () => !await HasPushMethodAsync(s.Login, "alice", old.DeviceId!) && !await HasPushMethodAsync(globex.Login, "alice.g", old.DeviceId!),
            TimeSpan.FromSeconds(20), "the old device is disconnected from both users");
        Assert.Equal("Cancelled", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challenge.GetProperty("challengeId").GetString()}")).GetProperty("status").GetString());
        await Eventually.UntilAsync(async () => (await old.ListAccountsAsync()).PairedUsers.Count == 0, TimeSpan.FromSeconds(20), "the old device drops its pairings");
        // … and told: a pullable notice, announced by a push of a new kind.
        DeviceNoticeView? notice = null;
        await Eventually.UntilAsync(async () => (notice = (await old.GetNoticesAsync()).FirstOrDefault()) is not null, TimeSpan.FromSeconds(20), "the old device is told");
        Assert.Equal(("backup-restored", backup.BackupId, phone.DeviceId), (notice!.Kind, notice.Subject, notice.Detail));
        var inbox = s.Silos[0].Services.GetRequiredService<DevPushInbox>();
        await Eventually.UntilAsync(() => inbox.Get(old.DeviceId!).Any(p => p.Kind == "notice" && p.ReferenceId == notice.NoticeId), TimeSpan.FromSeconds(20), "a notice push");
        // The restoring device now owns the backup; the old one no longer sees it.
        Assert.Equal(backup.BackupId, (await phone.GetBackupAsync(backup.BackupId)).BackupId);
        await BackupTestKit.AssertProblemAsync(await old.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        // Audited in each tenant with the user.
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "backup.restored")
            && a.Any(e => e.GetProperty("action").GetString() == "method.disconnected"));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "backup.restored" && e.GetProperty("actor").GetString() == phone.DeviceId);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "method.disconnected"
            && e.GetProperty("details").GetString()!.Contains("restored-on-another-device", StringComparison.Ordinal));
        Assert.NotEmpty(await globex.AuditAsync("userId=alice.g&action=backup.restored", a => a.Count > 0));
    }

    [Fact]
    public async Task Restore_OntoADeviceWithAccounts_409AtBothStepsNothingCounted()
    {
        await using var s = await Scenario.SqliteAsync();
        var (old, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "bob@example.com", "4711", "bob");
        var phone = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(phone, "bob@example.com");
        var start = await phone.BeginRestoreAsync(verification);
        await s.PairAsync(phone, "someone-else");

        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = verification }), HttpStatusCode.Conflict,
            "restore.device-has-accounts");
        var (restored, response) = await phone.UnlockAsync(start, verification, "4711");
        Assert.Null(restored);
        await BackupTestKit.AssertProblemAsync(response, HttpStatusCode.Conflict, "restore.device-has-accounts");

        Assert.Equal(10, (await old.GetBackupAsync(backup.BackupId)).AttemptsLeft);
        Assert.Empty(await old.GetNoticesAsync());
    }

    [Fact]
    public async Task Unlock_WrongPasscodes_CountDown_TenthDestroysTheBackupAudited()
    {
        await using var s = await Scenario.SqliteAsync();
        var (old, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "carol@example.com", "4711", "carol");
        var thief = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(thief, "carol@example.com");
        var start = await thief.BeginRestoreAsync(verification);
        Assert.Equal(10, start.AttemptsLeft);

        for (var i = 1; i <= 9; i++)
        {
            var (_, wrong) = await thief.UnlockAsync(start, verification, $"{1000 + i}");
            var problem = await BackupTestKit.AssertProblemAsync(wrong, HttpStatusCode.Forbidden, "passcode.wrong");
            Assert.Contains($"{10 - i} attempts left", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var (_, tenth) = await thief.UnlockAsync(start, verification, "9999");
        await BackupTestKit.AssertProblemAsync(tenth, HttpStatusCode.Gone, "backup.destroyed");

        // Destroyed: even the right passcode gets nothing, and neither restore step nor the owner finds it.
        var (none, right) = await thief.UnlockAsync(start, verification, "4711");
        Assert.Null(none);
        await BackupTestKit.AssertProblemAsync(right, HttpStatusCode.Gone, "backup.destroyed");
        await BackupTestKit.AssertProblemAsync(await thief.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = verification }), HttpStatusCode.Gone, "backup.destroyed");
        await BackupTestKit.AssertProblemAsync(await old.SendAsync(HttpMethod.Get, $"/v1/device/backups/{backup.BackupId}"), HttpStatusCode.NotFound, "backup.not-found");
        var audit = await s.AuditAsync("userId=carol", a => a.Count(e => e.GetProperty("action").GetString() == "backup.unlock") >= 10
            && a.Any(e => e.GetProperty("action").GetString() == "backup.destroyed"));
        Assert.Equal(10, audit.Count(e => e.GetProperty("action").GetString() == "backup.unlock" && e.GetProperty("outcome").GetString() == "wrong-passcode"));
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "backup.destroyed");
        // Nothing was revoked: the owner device keeps its push method.
        Assert.True(await HasPushMethodAsync(s.Login, "carol", old.DeviceId!));
    }

    [Fact]
    public async Task Unlock_LockPolicy_LockedAfterTheLimitThenRefusedOwnerCanDelete()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.With(null, new()
        {
            ["PushAuth:Backup:AfterTooManyFailures"] = "Lock", ["PushAuth:Backup:MaxFailedAttempts"] = "3",
        }));
        await using var s = await Scenario.OnAsync(silo);
        var (old, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "dan@example.com", "4711", "dan");
        var thief = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(thief, "dan@example.com");
        var start = await thief.BeginRestoreAsync(verification);

        await BackupTestKit.AssertProblemAsync((await thief.UnlockAsync(start, verification, "0001")).Response, HttpStatusCode.Forbidden, "passcode.wrong");
        await BackupTestKit.AssertProblemAsync((await thief.UnlockAsync(start, verification, "0002")).Response, HttpStatusCode.Forbidden, "passcode.wrong");
        await BackupTestKit.AssertProblemAsync((await thief.UnlockAsync(start, verification, "0003")).Response, HttpStatusCode.Locked, "backup.locked");
        await BackupTestKit.AssertProblemAsync((await thief.UnlockAsync(start, verification, "4711")).Response, HttpStatusCode.Locked, "backup.locked");

        Assert.Equal(("Locked", 0), ((await old.GetBackupAsync(backup.BackupId)).Status, (await old.GetBackupAsync(backup.BackupId)).AttemptsLeft));
        Assert.NotEmpty(await s.AuditAsync("userId=dan&action=backup.locked", a => a.Count > 0));
        await old.DeleteBackupAsync(backup.BackupId);
        await BackupTestKit.AssertProblemAsync(await thief.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = verification }), HttpStatusCode.NotFound, "backup.not-found");
    }

    [Fact]
    public async Task Unlock_RightPasscodeAfterWrongOnes_ResetsTheCount()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "erin@example.com", "4711", "erin");
        var phone = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(phone, "erin@example.com");
        var start = await phone.BeginRestoreAsync(verification);
        await BackupTestKit.AssertProblemAsync((await phone.UnlockAsync(start, verification, "1111")).Response, HttpStatusCode.Forbidden, "passcode.wrong");
        await BackupTestKit.AssertProblemAsync((await phone.UnlockAsync(start, verification, "2222")).Response, HttpStatusCode.Forbidden, "passcode.wrong");

        var (restored, response) = await phone.UnlockAsync(start, verification, "4711");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(restored);
        Assert.Equal(10, (await phone.GetBackupAsync(backup.BackupId)).AttemptsLeft);
    }

    [Fact]
    public async Task Unlock_ProofNotForThisRequestOrGarbage_400NotCounted()
    {
        await using var s = await Scenario.SqliteAsync();
        var (old, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "fay@example.com", "4711", "fay");
        var phone = await s.DeviceAsync();
        var verification = await BackupTestKit.VerifyAsync(phone, "fay@example.com");
        var start = await phone.BeginRestoreAsync(verification);
        // A proof sealed for another device id does not open here (the context binds it).
        var stranger = await s.DeviceAsync();
        var proofOfStranger = PushAuth.Security.Backup.BackupSeal.Seal(System.Buffers.Text.Base64Url.DecodeFromChars(start.ServerKey),
            PushAuth.Security.Backup.BackupContexts.Unlock(stranger.DeviceId!, start.BackupId, verification, start.Salt), new byte[32], out _);

        foreach (var proof in new[] { System.Buffers.Text.Base64Url.EncodeToString(proofOfStranger), "AAAA", "%%%", new string('A', 400) })
        {
            await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, $"/v1/device/restores/{start.BackupId}/unlock", new { verificationId = verification, proof }),
                HttpStatusCode.BadRequest, "proof.invalid");
        }
        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, $"/v1/device/restores/{start.BackupId}/unlock", new { verificationId = verification }),
            HttpStatusCode.BadRequest, "proof.invalid");

        Assert.Equal(10, (await old.GetBackupAsync(backup.BackupId)).AttemptsLeft);
    }

    [Fact]
    public async Task Restore_VerificationOfAnotherContactOrNone_403()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "gus@example.com", "4711", "gus");
        var phone = await s.DeviceAsync();
        var otherContact = await BackupTestKit.VerifyAsync(phone, "not-gus@example.com");
        var pending = (await phone.StartContactVerificationAsync("email", "gus@example.com")).VerificationId;

        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, $"/v1/device/restores/{backup.BackupId}/unlock", new { verificationId = otherContact, proof = "AAAA" }),
            HttpStatusCode.Forbidden, "contact.unverified");
        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = pending }), HttpStatusCode.Forbidden, "contact.unverified");
        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = (string?)null }), HttpStatusCode.Forbidden, "contact.unverified");
        // A verified contact with no backup.
        await BackupTestKit.AssertProblemAsync(await phone.SendAsync(HttpMethod.Post, "/v1/device/restores", new { verificationId = otherContact }), HttpStatusCode.NotFound, "backup.not-found");
    }

    [Fact]
    public async Task Restore_TwoPostgresSilos_BackupOnOneRestoreThroughTheOther()
    {
        var db = await SiloTestHost.CreatePostgresDatabaseAsync();
        await using var first = await SiloTestHost.StartPostgresAsync(db, BackupTestKit.FastKdf);
        await using var second = await SiloTestHost.StartPostgresAsync(db, BackupTestKit.FastKdf);
        await using var s = await Scenario.OnAsync(first);
        var (old, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "hal@example.com", "4711", "hal");

        using var http = new HttpClient { BaseAddress = second.BaseAddress };
        using var phone = new DeviceClient(http, DeviceKeyPair.Create());
        await phone.RegisterAsync();
        // The development inbox is cluster-wide: the phone reads its code through the second silo, wherever the contact's grain runs.
        var verification = await BackupTestKit.VerifyAsync(phone, "hal@example.com");
        var restored = await phone.RestoreAsync(verification, "4711");

        Assert.Equal(BackupTestKit.Accounts(), restored.Plaintext);
        await Eventually.UntilAsync(async () => !await HasPushMethodAsync(s.Login, "hal", old.DeviceId!), TimeSpan.FromSeconds(30), "old device revoked");
    }
}
