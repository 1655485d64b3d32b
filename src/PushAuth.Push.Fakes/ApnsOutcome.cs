namespace PushAuth.Push.Fakes;

/// <summary>A scripted APNs error response.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Reason">APNs reason, written as {"reason":...}.</param>
/// <param name="WithTimestamp">Adds "timestamp" (ms) as 410 Unregistered does.</param>
/// <param name="RetryAfter">Retry-After header value.</param>
/// <param name="CloseConnection">Sends GOAWAY after the response, as APNs does on Shutdown.</param>
public sealed record ApnsOutcome(int Status, string Reason, bool WithTimestamp = false, string? RetryAfter = null, bool CloseConnection = false)
{
    /// <summary>400 BadDeviceToken.</summary>
    public static ApnsOutcome BadDeviceToken { get; } = new(400, "BadDeviceToken");

    /// <summary>400 DeviceTokenNotForTopic.</summary>
    public static ApnsOutcome DeviceTokenNotForTopic { get; } = new(400, "DeviceTokenNotForTopic");

    /// <summary>400 TopicDisallowed.</summary>
    public static ApnsOutcome TopicDisallowed { get; } = new(400, "TopicDisallowed");

    /// <summary>410 Unregistered with the timestamp (ms) the token became invalid.</summary>
    public static ApnsOutcome Unregistered { get; } = new(410, "Unregistered", WithTimestamp: true);

    /// <summary>410 ExpiredToken.</summary>
    public static ApnsOutcome ExpiredToken { get; } = new(410, "ExpiredToken");

    /// <summary>403 ExpiredProviderToken (scripted; the fake also produces it from the JWT's iat).</summary>
    public static ApnsOutcome ExpiredProviderToken { get; } = new(403, "ExpiredProviderToken");

    /// <summary>403 InvalidProviderToken (scripted).</summary>
    public static ApnsOutcome InvalidProviderToken { get; } = new(403, "InvalidProviderToken");

    /// <summary>403 Forbidden.</summary>
    public static ApnsOutcome Forbidden { get; } = new(403, "Forbidden");

    /// <summary>413 PayloadTooLarge (scripted; the fake also produces it from the body size).</summary>
    public static ApnsOutcome PayloadTooLarge { get; } = new(413, "PayloadTooLarge");

    /// <summary>429 TooManyRequests: too many pushes to the same device.</summary>
    public static ApnsOutcome TooManyRequests { get; } = new(429, "TooManyRequests");

    /// <summary>429 TooManyProviderTokenUpdates (scripted; the fake also produces it per connection).</summary>
    public static ApnsOutcome TooManyProviderTokenUpdates { get; } = new(429, "TooManyProviderTokenUpdates");

    /// <summary>500 InternalServerError.</summary>
    public static ApnsOutcome InternalServerError { get; } = new(500, "InternalServerError");

    /// <summary>503 ServiceUnavailable.</summary>
    public static ApnsOutcome ServiceUnavailable { get; } = new(503, "ServiceUnavailable");

    /// <summary>503 Shutdown, then GOAWAY.</summary>
    public static ApnsOutcome Shutdown { get; } = new(503, "Shutdown", CloseConnection: true);

    /// <summary>Returns a copy with a Retry-After header.</summary>
    public ApnsOutcome WithRetryAfter(string retryAfter) => this with { RetryAfter = retryAfter };
}
