using Microsoft.Extensions.Logging;
using PushAuth.Messaging.Internal;
using PushAuth.Diagnostics;

namespace PushAuth.Messaging;

/// <summary>A development sink for one channel: keeps the message in the <see cref="IDevContactInbox"/> and logs that it
/// did (never the code or the link).</summary>
public sealed partial class DevContactSender(string channel, IDevContactInbox inbox, TimeProvider time, ILogger<DevContactSender> logger) : IContactMessageSender
{
    public string Channel { get; } = channel;

    public string Provider => "dev";

    public async Task<SendResult> SendAsync(ContactMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        await inbox.AddAsync(message, time.GetUtcNow(), cancellationToken);
        LogKept(Channel, Redaction.Address(message.To), message.VerificationId);
        return SendResult.Sent("dev");
    }

    [LoggerMessage(EventId = LogEvents.DevContactMessageKept, Level = LogLevel.Information, Message = "Development {Channel} to {To} for verification {VerificationId} kept in the inbox (not sent)")]
    private partial void LogKept(string channel, string to, string verificationId);
}
