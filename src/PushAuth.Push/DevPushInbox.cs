namespace PushAuth.Push;

/// <summary>
/// The development transport's mailbox: the last <see cref="DeliveryInbox{T}.Capacity"/> delivered messages,
/// readable per device token and awaitable. Thread-safe.
/// </summary>
public sealed class DevPushInbox(int capacity = 10_000) : DeliveryInbox<PushMessage>(static m => m.DeviceToken, capacity)
{
    /// <summary>How many messages were ever delivered.</summary>
    public long TotalDelivered => TotalCount;
}
