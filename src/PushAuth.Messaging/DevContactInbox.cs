using System.Collections.Concurrent;

namespace PushAuth.Messaging;

/// <summary>
/// The development sinks' mailbox: the last <see cref="Capacity"/> messages, readable by the device that asked for
/// them (the device simulator reads it as a user reads their mail). Held in memory only: codes in it never leave
/// the cluster except through the development endpoint, which is mapped outside Production only.
/// </summary>
public sealed class DevContactInbox(int capacity = 1_000) : IDevContactInbox
{
    private readonly ConcurrentQueue<DevContactMessage> _messages = new();
    private long _sequence;

    public int Capacity { get; } = capacity;

    public void Add(ContactMessage message, DateTimeOffset at)
    {
        _messages.Enqueue(new DevContactMessage(Interlocked.Increment(ref _sequence), at, message));
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }
    }

    /// <summary>Messages of verifications started by <paramref name="deviceId"/>, newest first.</summary>
    public IReadOnlyList<DevContactMessage> ForDevice(string deviceId) =>
        [.. _messages.Where(m => m.Message.DeviceId == deviceId).OrderByDescending(m => m.Sequence)];

    /// <summary>Messages sent to <paramref name="address"/>, newest first.</summary>
    public IReadOnlyList<DevContactMessage> ForAddress(string address) =>
        [.. _messages.Where(m => string.Equals(m.Message.To, address, StringComparison.OrdinalIgnoreCase)).OrderByDescending(m => m.Sequence)];

    Task IDevContactInbox.AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Add(message, at);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<DevContactMessage>> IDevContactInbox.ForDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(ForDevice(deviceId));

    Task<IReadOnlyList<DevContactMessage>> IDevContactInbox.ForAddressAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(ForAddress(address));
}
