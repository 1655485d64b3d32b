namespace PushAuth.Grains.Application;

/// <summary>A device's pending challenges across its users (<see cref="IDeviceChallenges"/>): the device grain names the
/// users, each user grain its challenges for this device.</summary>
internal sealed class DeviceChallenges(IGrainFactory grains) : IDeviceChallenges
{
    public async Task<IReadOnlyList<DeviceChallengeView>> PendingAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var pending = new List<DeviceChallengeView>();
        foreach (var userKey in await grains.GetGrain<IDeviceGrain>(deviceId).GetPairedUserKeysAsync(cancellationToken))
        {
            pending.AddRange(await grains.GetGrain<IUserGrain>(userKey).PendingForDeviceAsync(deviceId, cancellationToken));
        }
        return [.. pending.OrderByDescending(c => c.CreatedAt)];
    }
}
