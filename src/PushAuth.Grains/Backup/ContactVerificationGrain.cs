using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PushAuth.Domain.Backup;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Storage;
using PushAuth.History;
using PushAuth.Messaging;
using PushAuth.Security;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Backup;

/// <summary>
/// One contact's verification codes. Start: decide (the contact's send limit), save the hashed code, then send; a failed
/// send is saved as such and not counted. Confirm: a typed code or a tapped link's token, 5 attempts, 10 minutes.
/// Events go to the reserved <c>_devices</c> tenant: a contact is not yet any tenant's.
/// </summary>
internal partial class ContactVerificationGrain(
    [PersistentState("contact", StorageNames.Default)] IPersistentState<ContactVerificationState> state,
    EffectDelivery effects,
    BackupKeyMaterial keys,
    ContactMessengers messengers,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ContactVerificationGrain> logger) : OwingGrain<ContactVerificationState>(state, effects), IContactVerificationGrain
{
    private const string CodeKind = "code";
    private const string LinkKind = "link";

    protected override string GrainTypeName => "contact";

    private string ContactKey => this.GetPrimaryKeyString();

    protected override ContactVerificationState WithOwed(ContactVerificationState s, OwedEffects owed) => s with { Owed = owed };

    public async Task<ContactVerificationStarted> StartAsync(ContactVerificationRequest request, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = Persisted.State;
        if (ContactVerificationRules.SendRetryAfter(s, request.DeviceId, now) is { } wait)
        {
            audit.Refused([Event(HistoryActivities.ContactCodeRequested, request.Channel, request.MaskedAddress, request.DeviceId, "rate-limited", origin, null)]);
            throw ProblemCodes.Backup.ContactRateLimited.Error("Too many codes were sent to this address; try again later.", wait);
        }
        var server = await keys.ContactAsync(cancellationToken);
        var verificationId = BackupIds.NewVerificationId(ContactKey);
        var code = SecretHasher.GenerateNumericCode(6);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var record = new ContactVerificationRecord(verificationId, request.DeviceId, server.HashCode(verificationId, CodeKind, code), server.HashCode(verificationId, LinkKind, token),
            now, now + ContactVerificationRules.CodeLifetime, 0, ContactVerificationStatus.Pending, null);
        s = Persisted.State;
        var next = ContactVerificationRules.Started(s, record, request.Channel, request.MaskedAddress, now) with
        {
            SealedAddress = server.SealAddress(ContactKey, request.Address),
        };
        await SaveAsync(next with
        {
            Owed = next.Owed.Plus(Owe(Event(HistoryActivities.ContactCodeSent, request.Channel, request.MaskedAddress, request.DeviceId, "sent", origin, Remark(verificationId)))),
        }, cancellationToken);

        // After the write: nothing is sent for a code that was not saved. The code lives only in this message.
        var link = new Uri(new Uri(request.LinkBase.TrimEnd('/') + "/"), "app/verify-contact#t=" + token);
        var sender = messengers.For(request.Channel);
        var result = await sender.SendAsync(VerificationMessages.Compose(request.Channel, request.Address, code, link, verificationId, request.DeviceId,
            ContactVerificationRules.CodeLifetime), cancellationToken);
        if (!result.IsSent)
        {
            LogNotSent(request.Channel, sender.Provider, result.Kind, result.Reason);
            var failed = ContactVerificationRules.NotSent(Persisted.State, verificationId, now);
            await SaveAsync(failed with
            {
                Owed = failed.Owed.Plus(Owe(Event(HistoryActivities.ContactCodeSent, request.Channel, request.MaskedAddress, request.DeviceId, "not-sent", origin,
                    $"{Remark(verificationId)}; provider={sender.Provider}; result={result.Kind}; reason={result.Reason}"))),
            }, cancellationToken);
            throw result.Kind == SendResultKind.InvalidRecipient
                ? ProblemCodes.Backup.AddressUndeliverable.Error("The message could not be delivered to this address; check it or use another.")
                : ProblemCodes.Backup.SendFailed.Error("The message could not be sent just now; try again shortly.", result.RetryAfter ?? TimeSpan.FromSeconds(30));
        }
        return new ContactVerificationStarted(verificationId, request.Channel, request.MaskedAddress, record.ExpiresAt, now + ContactVerificationRules.ResendInterval);
    }

    public async Task<ContactVerificationView> ConfirmAsync(string verificationId, string deviceId, string? code, string? linkToken, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = Persisted.State;
        var via = code is not null ? CodeKind : LinkKind;
        if (s.Verifications.FirstOrDefault(v => v.VerificationId == verificationId && v.DeviceId == deviceId) is not { } record)
        {
            throw ProblemCodes.Backup.VerificationNotFound.Error("No such verification for this device.");
        }
        if (ContactVerificationRules.Refusal(record, now) is { } refusal)
        {
            audit.Refused([Event(HistoryActivities.ContactVerify, s.Channel, s.MaskedAddress, deviceId, RefusalStatus(refusal), origin, $"{Remark(verificationId)}; via={via}")]);
            throw refusal switch
            {
                ContactConfirmRefusal.Used => ProblemCodes.Backup.CodeUsed.Error("This code was already used; the contact is verified."),
                ContactConfirmRefusal.Expired => ProblemCodes.Backup.CodeExpired.Error("The code expired; ask for a new one."),
                ContactConfirmRefusal.TooManyAttempts => ProblemCodes.Backup.CodeTooManyAttempts.Error("Too many wrong codes; ask for a new one."),
                _ => ProblemCodes.Backup.CodeSuperseded.Error("A newer code was sent; use that one."),
            };
        }
        var server = await keys.ContactAsync(cancellationToken);
        var matches = code is not null
            ? server.CodeMatches(verificationId, CodeKind, code, record.CodeHash)
            : server.CodeMatches(verificationId, LinkKind, linkToken, record.LinkHash);
        s = Persisted.State;
        if (!matches)
        {
            var wrong = ContactVerificationRules.Wrong(s, verificationId);
            var after = wrong.Verifications.First(v => v.VerificationId == verificationId);
            var status = after.Status == ContactVerificationStatus.Failed ? "too-many-attempts" : "wrong-code";
            await SaveAsync(wrong with
            {
                Owed = wrong.Owed.Plus(Owe(Event(HistoryActivities.ContactVerify, s.Channel, s.MaskedAddress, deviceId, status, origin, $"{Remark(verificationId)}; via={via}; failedAttempts={after.FailedAttempts}"))),
            }, cancellationToken);
            throw after.Status == ContactVerificationStatus.Failed
                ? ProblemCodes.Backup.CodeTooManyAttempts.Error("Too many wrong codes; ask for a new one.")
                : (via == CodeKind ? ProblemCodes.Backup.CodeWrong : ProblemCodes.Backup.LinkTokenWrong).Error(
                    $"That {(via == CodeKind ? "code" : "link")} is not right; {ContactVerificationRules.MaxAttempts - after.FailedAttempts} attempts left.");
        }
        var verified = ContactVerificationRules.Verified(s, verificationId, now);
        await SaveAsync(verified with
        {
            Owed = verified.Owed.Plus(Owe(Event(HistoryActivities.ContactVerify, s.Channel, s.MaskedAddress, deviceId, "verified", origin, $"{Remark(verificationId)}; via={via}"))),
        }, cancellationToken);
        return View(verified.Verifications.First(v => v.VerificationId == verificationId), verified);
    }

    public Task<VerifiedContact?> GetVerifiedAsync(string verificationId, string deviceId, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        var now = time.GetUtcNow();
        return Task.FromResult(s.Verifications.FirstOrDefault(v => v.VerificationId == verificationId && v.DeviceId == deviceId) is { } v && ContactVerificationRules.IsFreshlyVerified(v, now)
            ? new VerifiedContact(ContactKey, s.Channel, s.MaskedAddress, deviceId, verificationId, v.VerifiedAt!.Value, v.VerifiedAt.Value + ContactVerificationRules.VerifiedLifetime)
            : null);
    }

    public async Task<UserNoticeResult> NotifyAsync(UserNotice notice, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        var server = await keys.ContactAsync(cancellationToken);
        if (s.SealedAddress is null || server.OpenAddress(ContactKey, s.SealedAddress) is not { } address)
        {
            return UserNoticeResult.NoVerifiedContact;
        }
        var sender = messengers.For(s.Channel);
        var result = await sender.SendAsync(UserNoticeMessages.Compose(s.Channel, address, notice), cancellationToken);
        if (result.IsSent)
        {
            return UserNoticeResult.Sent;
        }
        LogNoticeNotSent(notice.Kind, s.Channel, sender.Provider, result.Kind, result.Reason);
        // A bounced address will not start working on a retry; anything else (the server busy or unreachable) may.
        return result.Kind == SendResultKind.InvalidRecipient ? UserNoticeResult.NoVerifiedContact : UserNoticeResult.RetryLater;
    }

    private static ContactVerificationView View(ContactVerificationRecord v, ContactVerificationState s) =>
        new(v.VerificationId, s.Channel, s.MaskedAddress, v.Status.ToString(), v.ExpiresAt, v.VerifiedAt + ContactVerificationRules.VerifiedLifetime,
            Math.Max(0, ContactVerificationRules.MaxAttempts - v.FailedAttempts));

    private static string RefusalStatus(ContactConfirmRefusal refusal) => refusal switch
    {
        ContactConfirmRefusal.Used => "used",
        ContactConfirmRefusal.Expired => "expired",
        ContactConfirmRefusal.TooManyAttempts => "too-many-attempts",
        _ => "superseded",
    };

    private static string Remark(string verificationId) => "verification=" + verificationId[..12] + "…";

    private static OwedEffects Owe(HistoryEvent e) => new() { History = [e] };

    private HistoryEvent Event(string activity, string channel, string masked, string deviceId, string status, RequestOrigin origin, string? remarks) =>
        HistoryEvents.Of(time.GetUtcNow(), HistoryTenants.Devices, null, deviceId, activity, channel, status, origin,
            deviceId: deviceId, remarks: remarks is null ? $"contact={masked}" : $"contact={masked}; {remarks}");

    [LoggerMessage(EventId = LogEvents.UserNoticeNotSent, Level = LogLevel.Warning, Message = "A {Kind} notice by {Channel} could not be sent through {Provider}: {Result} ({Reason})")]
    private partial void LogNoticeNotSent(string kind, string channel, string provider, SendResultKind result, string reason);

    [LoggerMessage(EventId = LogEvents.ContactCodeNotSent, Level = LogLevel.Warning, Message = "A verification {Channel} could not be sent through {Provider}: {Kind} ({Reason})")]
    private partial void LogNotSent(string channel, string provider, SendResultKind kind, string reason);
}
