using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Grains.Tests.Infrastructure;
using PushAuth.Messaging;

namespace PushAuth.Grains.Tests.Backup;

/// <summary>A contact's one-time codes, called on its contact-verification grain: sent after the write (here to the
/// development inbox), good for 10 minutes and 5 attempts, a newer code supersedes the device's older one, and a verified
/// contact is usable by that device for 15 minutes, all on the silo's clock.</summary>
public sealed class ContactVerificationGrainTests(BackupHostFixture host) : IClassFixture<BackupHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private IContactVerificationGrain NewContact() => host.Grains.GetGrain<IContactVerificationGrain>(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    private static string NewDevice() => "dv_" + Guid.NewGuid().ToString("N")[..20];

    private static Task<ContactVerificationStarted> StartAsync(IContactVerificationGrain contact, string deviceId) =>
        contact.StartAsync(new ContactVerificationRequest(ContactChannels.Email, $"{deviceId}@example.com", "d***@example.com", deviceId, "https://pushauth.example"), Origin);

    private Task<ContactMessage> MessageAsync(string deviceId, ContactVerificationStarted started) =>
        ContactInbox.MessageAsync(host.SiloServices, deviceId, started.VerificationId);

    [Fact]
    public async Task Confirm_TheSentCode_VerifiedForThatDeviceForFifteenMinutes()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var sentAt = host.Time.GetUtcNow();
        var started = await StartAsync(contact, device);
        host.Time.Advance(TimeSpan.FromMinutes(9));

        var confirmed = await contact.ConfirmAsync(started.VerificationId, device, ContactInbox.Code(await MessageAsync(device, started)), null, Origin);

        Assert.Equal(sentAt + TimeSpan.FromMinutes(10), started.ExpiresAt);
        Assert.Equal("Verified", confirmed.Status);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(15), confirmed.VerifiedUntil);
        Assert.NotNull(await contact.GetVerifiedAsync(started.VerificationId, device));
        Assert.Null(await contact.GetVerifiedAsync(started.VerificationId, NewDevice()));
        host.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(await contact.GetVerifiedAsync(started.VerificationId, device));
    }

    [Fact]
    public async Task Confirm_TheLinksToken_Verified()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var started = await StartAsync(contact, device);

        var confirmed = await contact.ConfirmAsync(started.VerificationId, device, null, ContactInbox.LinkToken(await MessageAsync(device, started)), Origin);

        Assert.Equal("Verified", confirmed.Status);
    }

    [Fact]
    public async Task Confirm_FifthWrongCode_FailsTheVerificationEvenForTheRightCode()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var started = await StartAsync(contact, device);
        var code = ContactInbox.Code(await MessageAsync(device, started));
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 4; i++)
        {
            var refused = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(started.VerificationId, device, wrong, null, Origin));
            Assert.Equal(ProblemCodes.Backup.CodeWrong.Code, refused.Code);
        }
        var fifth = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(started.VerificationId, device, wrong, null, Origin));
        var right = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(started.VerificationId, device, code, null, Origin));

        Assert.Equal(ProblemCodes.Backup.CodeTooManyAttempts.Code, fifth.Code);
        Assert.Equal(ProblemCodes.Backup.CodeTooManyAttempts.Code, right.Code);
        Assert.Null(await contact.GetVerifiedAsync(started.VerificationId, device));
    }

    [Fact]
    public async Task Confirm_AfterTenMinutes_RefusedAsExpired()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var started = await StartAsync(contact, device);
        var code = ContactInbox.Code(await MessageAsync(device, started));
        host.Time.Advance(TimeSpan.FromMinutes(10));

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(started.VerificationId, device, code, null, Origin));

        Assert.Equal(ProblemCodes.Backup.CodeExpired.Code, refused.Code);
    }

    [Fact]
    public async Task Start_AgainWithinThirtySeconds_RateLimitedThenANewCodeSupersedesTheOld()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var first = await StartAsync(contact, device);
        var firstCode = ContactInbox.Code(await MessageAsync(device, first));
        host.Time.Advance(TimeSpan.FromSeconds(10));

        var tooSoon = await Assert.ThrowsAsync<PushAuthException>(() => StartAsync(contact, device));
        host.Time.Advance(TimeSpan.FromSeconds(20));
        var second = await StartAsync(contact, device);
        var superseded = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(first.VerificationId, device, firstCode, null, Origin));

        Assert.Equal(ProblemCodes.Backup.ContactRateLimited.Code, tooSoon.Code);
        Assert.Equal(TimeSpan.FromSeconds(20), tooSoon.RetryAfter);
        Assert.NotEqual(first.VerificationId, second.VerificationId);
        Assert.Equal(ProblemCodes.Backup.CodeSuperseded.Code, superseded.Code);
    }

    [Fact]
    public async Task Confirm_AnotherDevicesVerification_NotFound()
    {
        var (contact, device) = (NewContact(), NewDevice());
        var started = await StartAsync(contact, device);
        var code = ContactInbox.Code(await MessageAsync(device, started));

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => contact.ConfirmAsync(started.VerificationId, NewDevice(), code, null, Origin));

        Assert.Equal(ProblemCodes.Backup.VerificationNotFound.Code, refused.Code);
    }
}
