using System.Globalization;
using Microsoft.Extensions.Logging;
using PushAuth.Push.Internal;

namespace PushAuth.Push;

/// <summary>The development transport: no credentials, messages land in a <see cref="DevPushInbox"/>.</summary>
public sealed partial class DevPushSender(DevPushInbox inbox, TimeProvider timeProvider, ILogger<DevPushSender> logger) : IPushSender
{
    private long _sequence;

    /// <inheritdoc />
    public PushProvider Provider => PushProvider.Dev;

    /// <summary>The inbox messages are delivered to.</summary>
    public DevPushInbox Inbox => inbox;

    /// <inheritdoc />
    public Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (message.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return Task.FromResult(new PushResult(PushResultKind.PermanentFailure, PushReasons.Expired));
        }

        inbox.Add(message);
        Log.Delivered(logger, message.Kind, message.ReferenceId);
        var id = "dev/" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(new PushResult(PushResultKind.Delivered, PushReasons.Delivered, ProviderMessageId: id));
    }
}
