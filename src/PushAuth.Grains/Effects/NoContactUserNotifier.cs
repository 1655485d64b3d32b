using Microsoft.Extensions.Logging;

namespace PushAuth.Grains.Effects;

/// <summary>The default <see cref="IUserNotifier"/>: this silo knows no verified contact of any user, so there is no one
/// to email and nothing to retry. A silo with verified contacts and an email sender registers its own notifier.</summary>
public sealed partial class NoContactUserNotifier(ILogger<NoContactUserNotifier> logger) : IUserNotifier
{
    public Task<UserNoticeResult> NotifyAsync(UserNotice notice, CancellationToken cancellationToken)
    {
        LogNoContact(notice.Kind, notice.TenantId);
        return Task.FromResult(UserNoticeResult.NoVerifiedContact);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "No verified contact to send a {Kind} notice to (tenant {TenantId})")]
    private partial void LogNoContact(string kind, string tenantId);
}
