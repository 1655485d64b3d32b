namespace PushAuth.Push;

/// <summary>Reasons the senders produce themselves (provider reasons are passed through verbatim).</summary>
public static class PushReasons
{
    /// <summary>The message expired before it could be sent.</summary>
    public const string Expired = "Expired";

    /// <summary>The request never got a response (connection refused, reset, timeout).</summary>
    public const string TransportError = "TransportError";

    /// <summary>The message was accepted.</summary>
    public const string Delivered = "Delivered";

    /// <summary>The message was addressed to another provider.</summary>
    public const string WrongProvider = "WrongProvider";

    /// <summary>FCM: the registration token is not a valid FCM registration token (INVALID_ARGUMENT about the token).</summary>
    public const string InvalidRegistrationToken = "InvalidRegistrationToken";

    /// <summary>Our OAuth2 access token could not be obtained from the token endpoint.</summary>
    public const string AccessTokenUnavailable = "AccessTokenUnavailable";
}
