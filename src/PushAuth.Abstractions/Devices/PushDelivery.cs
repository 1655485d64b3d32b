namespace PushAuth.Abstractions;

/// <summary>What became of one push: handed to the provider, worth retrying at <see cref="RetryAt"/>, or given up
/// (dead token, no route, permanent refusal: the device pulls instead).</summary>
[GenerateSerializer, Immutable, Alias("pa.PushDelivery")]
public sealed record PushDelivery(PushDeliveryKind Kind, DateTimeOffset? RetryAt = null, string? Reason = null)
{
    public static PushDelivery Delivered { get; } = new(PushDeliveryKind.Delivered);

    public static PushDelivery Retry(DateTimeOffset at, string reason) => new(PushDeliveryKind.Retry, at, reason);

    public static PushDelivery GiveUp(string reason) => new(PushDeliveryKind.GaveUp, null, reason);
}
