using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Grains.Tests.Infrastructure;
using PushAuth.Messaging;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Tests.Backup;

/// <summary>A contact's backup, called on the backup grain as a device's requests reach it: made for a freshly verified
/// contact, three wrong proofs lock it (for good: time does not lift a lock), and only its owner's new passcode does.
/// The device side is the protocol's (the auth key and secret sealed to the server's key), with random keys in place of
/// Argon2id over a passcode, which the server never sees.</summary>
public sealed class BackupGrainTests(BackupHostFixture host) : IClassFixture<BackupHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    /// <summary>A contact's grain key (the keyed hash of the address in the silo; any 32 bytes here).</summary>
    private static string NewContact() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string NewDevice() => "dv_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The device verifies the contact with the code the development inbox received; returns the verification id.</summary>
    private async Task<string> VerifiedAsync(string contactKey, string deviceId)
    {
        var contact = host.Grains.GetGrain<IContactVerificationGrain>(contactKey);
        var started = await contact.StartAsync(new ContactVerificationRequest(ContactChannels.Email, $"{deviceId}@example.com", "d***@example.com", deviceId,
            "https://pushauth.example"), Origin);
        var code = ContactInbox.Code(await ContactInbox.MessageAsync(host.SiloServices, deviceId, started.VerificationId));
        await contact.ConfirmAsync(started.VerificationId, deviceId, code, null, Origin);
        return started.VerificationId;
    }

    /// <summary>What a device uploads for a passcode whose derived auth key is <paramref name="authKey"/>.</summary>
    private async Task<BackupUpload> UploadAsync(string deviceId, byte[] authKey)
    {
        var parameters = await host.SiloServices.GetRequiredService<IBackupService>().ParametersAsync();
        var salt = Base64Url.EncodeToString(PasscodeKeys.NewSalt());
        var enrollment = BackupSeal.Seal(Base64Url.DecodeFromChars(parameters.ServerKey), BackupContexts.Enroll(deviceId, salt),
            [.. authKey, .. RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)], out _);
        return new BackupUpload(salt, parameters.Kdf, Base64Url.EncodeToString(enrollment), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64)), 1);
    }

    /// <summary>A restoring device proves <paramref name="authKey"/>, sealed for this backup, verification and salt.</summary>
    private static Task<RestoreResult> UnlockAsync(IBackupGrain backup, RestoreParameters start, string verificationId, string deviceId, byte[] authKey)
    {
        var proof = BackupSeal.Seal(Base64Url.DecodeFromChars(start.ServerKey), BackupContexts.Unlock(deviceId, start.BackupId, verificationId, start.Salt), authKey, out _);
        return backup.UnlockAsync(verificationId, deviceId, 0, Base64Url.EncodeToString(proof), Origin);
    }

    /// <summary>A backup made by a new owner device with <paramref name="authKey"/>.</summary>
    private async Task<(IBackupGrain Backup, string Contact, string Owner)> CreatedAsync(byte[] authKey)
    {
        var (contact, owner) = (NewContact(), NewDevice());
        var backup = host.Grains.GetGrain<IBackupGrain>(contact);
        await backup.CreateAsync(await VerifiedAsync(contact, owner), owner, [new BackupAccount("t" + Guid.NewGuid().ToString("N")[..12], "alice")],
            await UploadAsync(owner, authKey), replaceExisting: false, Origin);
        return (backup, contact, owner);
    }

    [Fact]
    public async Task Create_ForAFreshlyVerifiedContact_ActiveForItsOwnerOnly()
    {
        var (contact, owner) = (NewContact(), NewDevice());
        var backup = host.Grains.GetGrain<IBackupGrain>(contact);

        var created = await backup.CreateAsync(await VerifiedAsync(contact, owner), owner, [new BackupAccount("t1", "alice")],
            await UploadAsync(owner, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)), replaceExisting: false, Origin);

        Assert.Equal(BackupIds.Backup(contact), created.BackupId);
        Assert.Equal("Active", created.Status);
        Assert.Equal(3, created.AttemptsLeft);
        Assert.Equal(host.Time.GetUtcNow(), created.CreatedAt);
        Assert.Equal(created, await backup.GetAsync(owner));
        Assert.Null(await backup.GetAsync(NewDevice()));
    }

    [Fact]
    public async Task Create_AfterTheVerificationsFifteenMinutes_RefusedAsUnverified()
    {
        var (contact, owner) = (NewContact(), NewDevice());
        var verificationId = await VerifiedAsync(contact, owner);
        var upload = await UploadAsync(owner, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize));
        host.Time.Advance(TimeSpan.FromMinutes(15));

        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            host.Grains.GetGrain<IBackupGrain>(contact).CreateAsync(verificationId, owner, [new BackupAccount("t1", "alice")], upload, false, Origin));

        Assert.Equal(ProblemCodes.Backup.ContactUnverified.Code, refused.Code);
    }

    [Fact]
    public async Task Create_OverAnotherDevicesBackup_RefusedWithoutReplaceExisting()
    {
        var (backup, contact, _) = await CreatedAsync(RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize));
        var other = NewDevice();

        var refused = await Assert.ThrowsAsync<PushAuthException>(async () => await backup.CreateAsync(await VerifiedAsync(contact, other), other,
            [new BackupAccount("t1", "bob")], await UploadAsync(other, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)), replaceExisting: false, Origin));

        Assert.Equal(ProblemCodes.Backup.Exists.Code, refused.Code);
    }

    [Fact]
    public async Task Unlock_RightProof_ReleasesTheBackupAndMakesTheDeviceItsOwner()
    {
        var authKey = RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize);
        var (backup, contact, owner) = await CreatedAsync(authKey);
        var restorer = NewDevice();
        var verificationId = await VerifiedAsync(contact, restorer);

        var start = await backup.BeginRestoreAsync(verificationId, restorer, 0, Origin);
        var restored = await UnlockAsync(backup, start, verificationId, restorer, authKey);

        Assert.Equal(3, start.AttemptsLeft);
        Assert.Equal(start.BackupId, restored.BackupId);
        Assert.Equal("alice", Assert.Single(restored.PushAccounts).UserId);
        Assert.NotNull(await backup.GetAsync(restorer));
        Assert.Null(await backup.GetAsync(owner));
    }

    [Fact]
    public async Task Unlock_ThirdWrongProof_LocksTheBackupForGoodEvenForTheRightProof()
    {
        var authKey = RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize);
        var (backup, contact, owner) = await CreatedAsync(authKey);
        var restorer = NewDevice();
        var verificationId = await VerifiedAsync(contact, restorer);
        var start = await backup.BeginRestoreAsync(verificationId, restorer, 0, Origin);

        var first = await Assert.ThrowsAsync<PushAuthException>(() => UnlockAsync(backup, start, verificationId, restorer, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)));
        await Assert.ThrowsAsync<PushAuthException>(() => UnlockAsync(backup, start, verificationId, restorer, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)));
        var third = await Assert.ThrowsAsync<PushAuthException>(() => UnlockAsync(backup, start, verificationId, restorer, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)));
        var right = await Assert.ThrowsAsync<PushAuthException>(() => UnlockAsync(backup, start, verificationId, restorer, authKey));

        Assert.Equal(ProblemCodes.Backup.PasscodeWrong.Code, first.Code);
        Assert.Equal(ProblemCodes.Backup.Locked.Code, third.Code);
        Assert.Equal(ProblemCodes.Backup.Locked.Code, right.Code);
        Assert.Equal("Locked", (await backup.GetAsync(owner))?.Status);

        // A day later, with a fresh verification, it is still locked: waiting does not buy new guesses.
        host.Time.Advance(TimeSpan.FromDays(1));
        var later = await VerifiedAsync(contact, restorer);
        var refused = await Assert.ThrowsAsync<PushAuthException>(() => backup.BeginRestoreAsync(later, restorer, 0, Origin));
        Assert.Equal(ProblemCodes.Backup.Locked.Code, refused.Code);
    }

    [Fact]
    public async Task Replace_ByTheOwnerOfALockedBackup_LiftsTheLockForTheNewPasscode()
    {
        var (backup, contact, owner) = await CreatedAsync(RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize));
        var restorer = NewDevice();
        var verificationId = await VerifiedAsync(contact, restorer);
        var start = await backup.BeginRestoreAsync(verificationId, restorer, 0, Origin);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<PushAuthException>(() => UnlockAsync(backup, start, verificationId, restorer, RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize)));
        }
        var newKey = RandomNumberGenerator.GetBytes(PasscodeKeys.KeySize);
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var replaced = await backup.ReplaceAsync(owner, [], await UploadAsync(owner, newKey), passcodeChange: true, Origin);
        var again = await backup.BeginRestoreAsync(verificationId, restorer, 0, Origin);
        var restored = await UnlockAsync(backup, again, verificationId, restorer, newKey);

        Assert.Equal("Active", replaced.Status);
        Assert.Equal(3, replaced.AttemptsLeft);
        Assert.Equal(host.Time.GetUtcNow(), replaced.PasscodeChangedAt);
        Assert.Equal(replaced.BackupId, restored.BackupId);
    }
}
