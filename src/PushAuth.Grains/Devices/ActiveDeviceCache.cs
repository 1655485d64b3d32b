using PushAuth.Grains.Caching;

namespace PushAuth.Grains.Devices;

/// <summary>Whether a device is still registered, cached per silo for <see cref="Lifetime"/>: a deregistered device's
/// session stops working within that time on every silo (and at once on the silo that deregistered it). Answers are
/// re-checked against the user's pairings anyway.</summary>
internal sealed class ActiveDeviceCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ExpiringCache<bool> _devices = new(time, Lifetime, 100_000);

    public Task<bool> IsActiveAsync(string deviceId, CancellationToken cancellationToken) =>
        _devices.GetOrLoadAsync(deviceId, async (id, ct) => await grains.GetGrain<IDeviceGrain>(id).GetAsync(ct).ConfigureAwait(false) is { Active: true },
            cancellationToken);

    /// <summary>Forgets a device (after this silo deregistered it).</summary>
    public void Forget(string deviceId) => _devices.Forget(deviceId);
}
