namespace PushAuth.Grains.Users;

/// <summary>Restore: the device whose backup was restored elsewhere loses this user's push method.</summary>
public sealed partial class UserGrain : IUserRestoreGrain
{
    public async Task RevokeRestoredDeviceAsync(string deviceId, string restoredOnDeviceId, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (s.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is not { } device)
        {
            return;
        }
        var method = Methods(s).First(m => m.MethodId == device.MethodId);
        // As an admin's disconnect: the method goes, the challenges only it could answer end, the device is told.
        await SaveAsync(Disconnected(s, method, "backup-restore", $"restored-on-another-device; newDevice={restoredOnDeviceId}", RequestOrigin.Internal, tellDevice: true),
            cancellationToken);
    }
}
