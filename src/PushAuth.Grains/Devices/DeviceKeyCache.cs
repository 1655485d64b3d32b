using PushAuth.Grains.Caching;
using PushAuth.Security;

namespace PushAuth.Grains.Devices;

/// <summary>Device public keys by device id, each holding its imported verifier (see <see cref="DeviceKey"/>). A device id
/// is its key's thumbprint (<see cref="DeviceSessions.DeviceIdOf"/>), so an id's key never changes and caching cannot go
/// stale; a deregistered device's key is forgotten on the silo that deregistered it, elsewhere when the cache fills. Keys
/// leaving the cache are disposed (their native verifier released); a caller still holding one keeps verifying correctly.
/// An unknown device is not cached here (its id could fill the cache).</summary>
internal sealed class DeviceKeyCache(IGrainFactory grains, TimeProvider time)
{
    private readonly ExpiringCache<DeviceKey> _keys = new(time, Timeout.InfiniteTimeSpan, 200_000, static key => key.Dispose());

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

    /// <summary>Forgets a device's key and releases its verifier (after this silo deregistered the device).</summary>
    public void Forget(string deviceId) => _keys.Forget(deviceId);
}
