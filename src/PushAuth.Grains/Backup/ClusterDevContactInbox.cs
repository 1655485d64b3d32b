using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>The silo's <see cref="IDevContactInbox"/>: every silo files into and reads from the one
/// <see cref="IDevContactInboxGrain"/>, so two silos in development behave as one.</summary>
internal sealed class ClusterDevContactInbox(IGrainFactory grains) : IDevContactInbox
{
    private IDevContactInboxGrain Grain => grains.GetGrain<IDevContactInboxGrain>(IDevContactInboxGrain.Key);

    public Task AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Grain.AddAsync(message, at, cancellationToken);

    public Task<IReadOnlyList<DevContactMessage>> ForDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Grain.ForDeviceAsync(deviceId, cancellationToken);

    public Task<IReadOnlyList<DevContactMessage>> ForAddressAsync(string address, CancellationToken cancellationToken = default) =>
        Grain.ForAddressAsync(address, cancellationToken);
}
