using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>The challenges a device may pull (key: device id). Pull works without any push.</summary>
[GrainType("deviceinbox")]
public interface IDeviceInboxGrain : IGrainWithStringKey
{
    /// <summary>Adds a challenge; always writes, so the write validates the cached list.</summary>
    [ValidatedByWrite]
    Task AddAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Challenge ids not yet expired, newest first.</summary>
    Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken = default);

    Task RemoveAsync(IReadOnlyCollection<string> challengeIds, CancellationToken cancellationToken = default);
}
