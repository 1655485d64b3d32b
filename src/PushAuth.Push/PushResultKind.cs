namespace PushAuth.Push;

/// <summary>Classified outcome of one push attempt.</summary>
public enum PushResultKind
{
    /// <summary>The provider accepted the message.</summary>
    Delivered,

    /// <summary>The device token is no longer valid: mark the device's push token invalid.</summary>
    DeadToken,

    /// <summary>A transient failure (quota, outage, transport): retry later, honouring <see cref="PushResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>Our credentials are wrong or were rejected: surface loudly, retrying will not help.</summary>
    AuthFailure,

    /// <summary>The message can never be delivered as it is (bad request, expired, too large).</summary>
    PermanentFailure,
}
