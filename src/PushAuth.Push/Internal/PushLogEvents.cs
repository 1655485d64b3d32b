namespace PushAuth.Push.Internal;

/// <summary>Event ids of the push senders' log messages, in one place.</summary>
internal static class PushLogEvents
{
    public const int FcmSendFailed = 4101;
    public const int FcmAccessTokenRejected = 4102;
    public const int FcmAccessTokenUnavailable = 4103;
    public const int FcmTransportError = 4104;
    public const int ApnsSendFailed = 4201;
    public const int ApnsProviderTokenRenewed = 4202;
    public const int ApnsConnectionReset = 4203;
    public const int ApnsTransportError = 4204;
    public const int DevPushDelivered = 4301;
}
