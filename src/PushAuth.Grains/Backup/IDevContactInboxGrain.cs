using Orleans.Concurrency;
using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>
/// The development sinks' inbox for the whole cluster (one activation, key <see cref="Key"/>): a contact grain on one
/// silo files the message and a device asking through another silo reads it. Held in memory; a development aid only.
/// </summary>
[Alias("pa.IDevContactInboxGrain")]
internal interface IDevContactInboxGrain : IGrainWithStringKey
{
    public const string Key = "dev";

    [Alias("Add")]
    Task AddAsync(ContactMessage message, DateTimeOffset at, CancellationToken cancellationToken = default);

    [Alias("ForDevice"), ReadOnly]
    Task<IReadOnlyList<DevContactMessage>> ForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    [Alias("ForAddress"), ReadOnly]
    Task<IReadOnlyList<DevContactMessage>> ForAddressAsync(string address, CancellationToken cancellationToken = default);
}
