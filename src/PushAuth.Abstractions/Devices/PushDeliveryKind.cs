namespace PushAuth.Abstractions;

/// <summary>Kinds of <see cref="PushDelivery"/>.</summary>
public enum PushDeliveryKind
{
    Delivered,
    Retry,
    GaveUp,
}
