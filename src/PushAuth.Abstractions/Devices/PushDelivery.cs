namespace PushAuth.Abstractions;

/// <summary>What became of one push: handed to the provider, worth retrying at <see cref="RetryAt"/>, or given up
/// (dead token, no route, permanent refusal: the device pulls instead).</summary>
/// <param name="Refused">Given up because the provider refused it for good (a dead token, a permanent failure), as
/// opposed to a push that was no longer needed or a device that pulls: a push-delivery failure on the dashboard.</param>
[GenerateSerializer, Immutable, Alias("pa.PushDelivery")]
public sealed record PushDelivery(PushDeliveryKind Kind, DateTimeOffset? RetryAt = null, string? Reason = null, bool Refused = false)
{
    public static PushDelivery Delivered { get; } = new(PushDeliveryKind.Delivered);

    public static PushDelivery Retry(DateTimeOffset at, string reason) => new(PushDeliveryKind.Retry, at, reason);

    public static PushDelivery GiveUp(string reason) => new(PushDeliveryKind.GaveUp, null, reason);

    public static PushDelivery RefusedByProvider(string reason) => new(PushDeliveryKind.GaveUp, null, reason, Refused: true);
}
