using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Push;

public sealed partial class ApnsSender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.ApnsSendFailed, Level = LogLevel.Warning, Message = "APNs send failed: {Kind} {Reason} (HTTP {HttpStatus})")]
        public static partial void SendFailed(ILogger logger, PushResultKind kind, string reason, int httpStatus);

        [LoggerMessage(EventId = LogEvents.ApnsProviderTokenRenewed, Level = LogLevel.Information, Message = "APNs reported ExpiredProviderToken; signed a new provider token and retrying once")]
        public static partial void ProviderTokenRenewed(ILogger logger);

        [LoggerMessage(EventId = LogEvents.ApnsConnectionReset, Level = LogLevel.Information, Message = "APNs connection replaced after a server error")]
        public static partial void ConnectionReset(ILogger logger);

        [LoggerMessage(EventId = LogEvents.ApnsTransportError, Level = LogLevel.Warning, Message = "APNs request failed without a response: {Error}")]
        public static partial void TransportError(ILogger logger, string error);
    }
}
