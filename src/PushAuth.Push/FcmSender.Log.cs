using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Push;

public sealed partial class FcmSender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.FcmSendFailed, Level = LogLevel.Warning, Message = "FCM send failed: {Kind} {Reason} (HTTP {HttpStatus})")]
        public static partial void SendFailed(ILogger logger, PushResultKind kind, string reason, int httpStatus);

        [LoggerMessage(EventId = LogEvents.FcmAccessTokenRejected, Level = LogLevel.Information, Message = "FCM rejected the OAuth2 access token; refreshing it and retrying once")]
        public static partial void AccessTokenRejected(ILogger logger);

        [LoggerMessage(EventId = LogEvents.FcmAccessTokenUnavailable, Level = LogLevel.Error, Message = "No FCM OAuth2 access token could be obtained: {Error}")]
        public static partial void AccessTokenUnavailable(ILogger logger, string error);

        [LoggerMessage(EventId = LogEvents.FcmTransportError, Level = LogLevel.Warning, Message = "FCM request failed without a response: {Error}")]
        public static partial void TransportError(ILogger logger, string error);
    }
}
