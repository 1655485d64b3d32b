namespace PushAuth.Push.Fakes;

/// <summary>A message the fake FCM accepted.</summary>
/// <param name="Name">The returned message name, projects/{id}/messages/{id}.</param>
/// <param name="Token">The target registration token, when the target is a token.</param>
/// <param name="Topic">The target topic, when the target is a topic.</param>
/// <param name="Data">The data map.</param>
/// <param name="AndroidPriority">android.priority as sent.</param>
/// <param name="AndroidTtl">android.ttl as sent.</param>
/// <param name="AndroidCollapseKey">android.collapse_key as sent.</param>
/// <param name="ApnsHeaders">apns.headers as sent.</param>
/// <param name="MessageJson">The whole message object as received.</param>
/// <param name="ReceivedAt">When it arrived (fake time).</param>
public sealed record FcmDelivery(
    string Name,
    string? Token,
    string? Topic,
    IReadOnlyDictionary<string, string> Data,
    string? AndroidPriority,
    string? AndroidTtl,
    string? AndroidCollapseKey,
    IReadOnlyDictionary<string, string> ApnsHeaders,
    string MessageJson,
    DateTimeOffset ReceivedAt);
