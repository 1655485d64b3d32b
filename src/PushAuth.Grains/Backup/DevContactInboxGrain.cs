using Microsoft.Extensions.Options;
using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>The cluster's development inbox, in memory. Kept alive past a code's 10-minute validity so idle
/// collection does not drop messages a developer is about to read.</summary>
[CollectionAgeLimit(Hours = 1)]
internal sealed class DevContactInboxGrain(IOptions<DevInboxOptions> options) : Grain, IDevContactInboxGrain
{
    private readonly DevContactInbox _inbox = new(options.Value.Capacity);

    public Task AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _inbox.Add(message, at);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DevContactMessage>> ForDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_inbox.ForDevice(deviceId));

    public Task<IReadOnlyList<DevContactMessage>> ForAddressAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(_inbox.ForAddress(address));
}
