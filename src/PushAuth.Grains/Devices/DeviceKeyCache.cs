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
    /// <summary>How many keys may hold an imported verifier at once: each is about 3 KB of native memory, so the key cache's
    /// bound would allow hundreds of MB. Keys beyond it still verify, importing per verification until used again.</summary>
    public const int MaxVerifiers = 20_000;

    private readonly ExpiringCache<DeviceKey> _keys = new(time, Timeout.InfiniteTimeSpan, 200_000, static key => key.Dispose());
    private readonly ExpiringCache<DeviceKey> _verifying = new(time, Timeout.InfiniteTimeSpan, MaxVerifiers, static key => key.ReleaseVerifier());

    public async Task<DeviceKey?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_keys.TryGet(deviceId, out var cached))
        {
            // The recently used keys keep their verifiers; a flood of devices starts this set over, releasing them.
            if (!_verifying.TryGet(deviceId, out _))
            {
                _verifying.Set(deviceId, cached);
            }
            return cached;
        }
        var spki = await grains.GetGrain<IDeviceGrain>(deviceId).GetPublicKeyAsync(cancellationToken);
        if (spki is null || !DeviceKey.TryImport(spki, out var key) || key is null)
        {
            return null;
        }
        _keys.Set(deviceId, key);
        _verifying.Set(deviceId, key);
        return key;
    }

    /// <summary>Keys holding an imported verifier now (for tests and diagnostics).</summary>
    public int VerifierHolders => _verifying.Count;

    /// <summary>Forgets a device's key and releases its verifier (after this silo deregistered the device).</summary>
    public void Forget(string deviceId)
    {
        _verifying.Forget(deviceId);
        _keys.Forget(deviceId);
    }
}
