using System.Collections.Concurrent;
using PushAuth.Abstractions;


namespace PushAuth.Silo.Auth;

/// <summary>Whether a device is still registered, cached per silo for <see cref="Lifetime"/>: a deregistered device's
/// session stops working within that time on every silo (and at once on the silo that deregistered it). Answers are
/// re-checked against the user's pairings anyway.</summary>
public sealed class ActiveDeviceCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (bool Active, DateTimeOffset Until)> _devices = new(StringComparer.Ordinal);

    public async Task<bool> IsActiveAsync(string deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_devices.TryGetValue(deviceId, out var hit) && hit.Until > now)
        {
            return hit.Active;
        }
        var device = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync(cancellationToken).ConfigureAwait(false);
        var active = device is { Active: true };
        if (_devices.Count > 100_000)
        {
            _devices.Clear();
        }
        _devices[deviceId] = (active, now + Lifetime);
        return active;
    }

    /// <summary>Forgets a device (after this silo deregistered it).</summary>
    public void Forget(string deviceId) => _devices.TryRemove(deviceId, out _);
}
