namespace PushAuth.Push;

/// <summary>
/// What to push to one device. Carries no secrets and no prompt text: the device fetches the
/// details of <paramref name="ReferenceId"/> over its authenticated channel.
/// </summary>
/// <param name="MessageId">Unique id of this send; used as the APNs apns-id when it is a UUID.</param>
/// <param name="Provider">The transport to use.</param>
/// <param name="DeviceToken">The provider's registration token (FCM) or hex device token (APNs).</param>
/// <param name="Platform">"android" or "ios".</param>
/// <param name="Kind">What happened, e.g. "challenge", "pairing", "closed".</param>
/// <param name="ReferenceId">The challenge or pairing id the device should fetch.</param>
/// <param name="Nonce">A random value binding the push to the reference.</param>
/// <param name="ExpiresAt">After this instant the push is useless and must not be delivered.</param>
/// <param name="CollapseId">Collapse key; <see cref="ReferenceId"/> when absent.</param>
public sealed record PushMessage(
    string MessageId,
    PushProvider Provider,
    string DeviceToken,
    string Platform,
    string Kind,
    string ReferenceId,
    string Nonce,
    DateTimeOffset ExpiresAt,
    string? CollapseId = null);
