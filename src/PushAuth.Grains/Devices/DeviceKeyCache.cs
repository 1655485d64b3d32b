using PushAuth.Grains.Caching;
using PushAuth.Security;

namespace PushAuth.Grains.Devices;

/// <summary>Device public keys by device id. A device id's key never changes, so caching cannot go stale; an unknown
/// device is not cached here (its id could fill the cache).</summary>
internal sealed class DeviceKeyCache(IGrainFactory grains, TimeProvider time)
{
    private readonly ExpiringCache<DeviceKey> _keys = new(time, Timeout.InfiniteTimeSpan, 200_000);

    public async Task<DeviceKey?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_keys.TryGet(deviceId, out var cached))
        {
            return cached;
        }
        var spki = await grains.GetGrain<IDeviceGrain>(deviceId).GetPublicKeyAsync(cancellationToken);
        if (spki is null || !DeviceKey.TryImport(spki, out var key) || key is null)
        {
            return null;
        }
        _keys.Set(deviceId, key);
        return key;
    }
}
