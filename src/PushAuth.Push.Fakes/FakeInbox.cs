namespace PushAuth.Push.Fakes;

/// <summary>What a fake delivered: the last <see cref="DeliveryInbox{T}.Capacity"/> items, readable per device token and awaitable.</summary>
/// <typeparam name="T">The delivery record.</typeparam>
public sealed class FakeInbox<T>(Func<T, string?> deviceTokenOf, int capacity = 10_000) : DeliveryInbox<T>(deviceTokenOf, capacity)
    where T : class;
