using Microsoft.Extensions.DependencyInjection;
using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>The silo's <see cref="IDevContactInbox"/>: every silo files into and reads from the one
/// <see cref="IDevContactInboxGrain"/>, so two silos in development behave as one.</summary>
/// <remarks>The grain factory is resolved on first use, not in the constructor: the silo builds its contact senders
/// while it maps endpoints, and resolving Orleans' services that early would run their options validation (a missing
/// connection string) outside the start, where a bad configuration must be reported.</remarks>
internal sealed class ClusterDevContactInbox(IServiceProvider services) : IDevContactInbox
{
    private IDevContactInboxGrain Grain => services.GetRequiredService<IGrainFactory>().GetGrain<IDevContactInboxGrain>(IDevContactInboxGrain.Key);

    public Task AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Grain.AddAsync(message, at, cancellationToken);

    public Task<IReadOnlyList<DevContactMessage>> ForDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Grain.ForDeviceAsync(deviceId, cancellationToken);

    public Task<IReadOnlyList<DevContactMessage>> ForAddressAsync(string address, CancellationToken cancellationToken = default) =>
        Grain.ForAddressAsync(address, cancellationToken);
}
