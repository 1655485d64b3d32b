using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Push;

public sealed partial class DevPushSender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.DevPushDelivered, Level = LogLevel.Debug, Message = "Dev push delivered: {Kind} for {ReferenceId}")]
        public static partial void Delivered(ILogger logger, string kind, string referenceId);
    }
}
