namespace PushAuth.Abstractions;

/// <summary>A new subscription with its signing secret (<c>whsec_…</c>), shown this once; it is stored encrypted and
/// signs every delivery as <c>PushAuth-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>.</summary>
[GenerateSerializer, Immutable, Alias("pa.CreatedEventSubscription")]
public sealed record CreatedEventSubscription(
    string SubscriptionId,
    string Url,
    IReadOnlyList<string> EventTypes,
    DateTimeOffset CreatedAt,
    string Secret);
