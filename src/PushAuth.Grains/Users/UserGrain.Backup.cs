using PushAuth.Domain.Users;

namespace PushAuth.Grains.Users;

/// <summary>Restore: the device whose backup was restored elsewhere loses this user's push method. Backups also tell the
/// user grain which verified contact the user's notices go to.</summary>
internal partial class UserGrain : IUserRestoreGrain
{
    public async Task RevokeRestoredDeviceAsync(string deviceId, string restoredOnDeviceId, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (s.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is not { } device)
        {
            return;
        }
        var method = Methods(s).First(m => m.MethodId == device.MethodId);
        // As an admin's disconnect: the method goes, the challenges only it could answer end, the device is told.
        await SaveAsync(_decider.Disconnect(s, method, "backup-restore", $"restored-on-another-device; newDevice={restoredOnDeviceId}", RequestOrigin.Internal, tellDevice: true, Key),
            cancellationToken);
    }

    public async Task SetNoticeContactAsync(string? contactKey, string? unlinking, CancellationToken cancellationToken = default)
    {
        // Notices arrive at least once and in any order: an unchanged contact costs no write.
        if (UserDecider.NoticeContact(Persisted.State, contactKey, unlinking) is { } decision)
        {
            await SaveAsync(decision, cancellationToken);
        }
    }
}
