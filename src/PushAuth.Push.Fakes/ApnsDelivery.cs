namespace PushAuth.Push.Fakes;

/// <summary>A notification the fake APNs accepted.</summary>
/// <param name="DeviceToken">The hex device token from the path.</param>
/// <param name="ApnsId">The apns-id returned.</param>
/// <param name="Topic">apns-topic.</param>
/// <param name="PushType">apns-push-type.</param>
/// <param name="Priority">apns-priority.</param>
/// <param name="Expiration">apns-expiration.</param>
/// <param name="CollapseId">apns-collapse-id.</param>
/// <param name="Payload">The JSON body.</param>
/// <param name="ProviderToken">The provider JWT the request carried.</param>
/// <param name="ConnectionId">The HTTP/2 connection it came on.</param>
/// <param name="ReceivedAt">When it arrived (fake time).</param>
public sealed record ApnsDelivery(
    string DeviceToken,
    string ApnsId,
    string Topic,
    string? PushType,
    string? Priority,
    string? Expiration,
    string? CollapseId,
    string Payload,
    string ProviderToken,
    string ConnectionId,
    DateTimeOffset ReceivedAt);
