namespace PushAuth.Abstractions;

/// <summary>Where one delivery of an event to a subscription stands.</summary>
public enum EventDeliveryStatus
{
    /// <summary>Not yet answered 2xx; retried with backoff until 24 hours after the event.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Not delivered within 24 hours (or the subscription's queue overflowed); an admin may replay it.</summary>
    Failed,
}
