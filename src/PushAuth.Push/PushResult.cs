namespace PushAuth.Push;

/// <summary>The classified result of a send. Senders return it instead of throwing for provider or transport errors.</summary>
/// <param name="Kind">The classification.</param>
/// <param name="Reason">The provider's reason (FCM error code or status, APNs reason) or our own short reason.</param>
/// <param name="RetryAfter">How long the provider asked us to wait, when it said so.</param>
/// <param name="ProviderMessageId">The provider's id for a delivered message (FCM name, APNs apns-id).</param>
/// <param name="HttpStatus">The provider's HTTP status, when a response was received.</param>
public sealed record PushResult(
    PushResultKind Kind,
    string Reason,
    TimeSpan? RetryAfter = null,
    string? ProviderMessageId = null,
    int? HttpStatus = null)
{
    /// <summary>True when the provider accepted the message.</summary>
    public bool IsDelivered => Kind == PushResultKind.Delivered;
}
