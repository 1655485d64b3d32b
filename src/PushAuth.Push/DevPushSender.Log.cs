using Microsoft.Extensions.Logging;
using PushAuth.Push.Internal;

namespace PushAuth.Push;

public sealed partial class DevPushSender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = PushLogEvents.DevPushDelivered, Level = LogLevel.Debug, Message = "Dev push delivered: {Kind} for {ReferenceId}")]
        public static partial void Delivered(ILogger logger, string kind, string referenceId);
    }
}
