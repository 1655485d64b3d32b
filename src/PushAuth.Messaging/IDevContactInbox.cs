namespace PushAuth.Messaging;

/// <summary>
/// Where the development sinks keep what they would have sent. A silo registers a cluster-wide inbox, so a message is
/// readable through every silo whichever silo's grain sent it; the in-process <see cref="DevContactInbox"/> is the
/// store behind it and the default outside a cluster.
/// </summary>
public interface IDevContactInbox
{
    Task AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Messages of verifications started by <paramref name="deviceId"/>, newest first.</summary>
    Task<IReadOnlyList<DevContactMessage>> ForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Messages sent to <paramref name="address"/>, newest first.</summary>
    Task<IReadOnlyList<DevContactMessage>> ForAddressAsync(string address, CancellationToken cancellationToken = default);
}
