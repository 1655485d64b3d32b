using System.Collections.Concurrent;
using PushAuth.Security;

namespace PushAuth.Grains.Challenges;

/// <summary>Device public keys by device id. A device id's key never changes, so caching cannot go stale.</summary>
public sealed class DeviceKeyCache(IGrainFactory grains)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, DeviceKey> _keys = new(StringComparer.Ordinal);

    public async Task<DeviceKey?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(deviceId, out var cached))
        {
            return cached;
        }
        var spki = await grains.GetGrain<IDeviceGrain>(deviceId).GetPublicKeyAsync(cancellationToken);
        if (spki is null || !DeviceKey.TryImport(spki, out var key) || key is null)
        {
            return null;
        }
        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }
        _keys[deviceId] = key;
        return key;
    }
}
