using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Effects;

/// <summary>Sends user notices through the user's verified contact: the one their backup was made for, named in the
/// notice by its keyed hash. The contact's grain holds the (encrypted) address and sends; a user without one is told
/// by webhook only.</summary>
internal partial class ContactUserNotifier(IGrainFactory grains, ILogger<ContactUserNotifier> logger) : IUserNotifier
{
    public async Task<UserNoticeResult> NotifyAsync(UserNotice notice, CancellationToken cancellationToken)
    {
        if (notice.ContactKey is not { } contactKey)
        {
            LogNoContact(notice.Kind, notice.TenantId);
            return UserNoticeResult.NoVerifiedContact;
        }
        return await grains.GetGrain<IContactVerificationGrain>(contactKey).NotifyAsync(notice, cancellationToken);
    }

    [LoggerMessage(EventId = LogEvents.UserNoticeNoContact, Level = LogLevel.Debug, Message = "No verified contact to send a {Kind} notice to (tenant {TenantId})")]
    private partial void LogNoContact(string kind, string tenantId);
}
