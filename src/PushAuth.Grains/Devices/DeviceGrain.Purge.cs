using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Devices;
using PushAuth.History;

namespace PushAuth.Grains.Devices;

/// <summary>Devices that register and never pair are purged after <see cref="DeviceOptions.UnpairedLifetime"/>: a reminder
/// registered with the device fires once then, and the device's key and push route go (an audited tombstone stays).</summary>
internal partial class DeviceGrain
{
    private const string UnpairedReminder = "unpaired";
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private TimeSpan UnpairedLifetime => ServiceProvider.GetRequiredService<IOptions<DeviceOptions>>().Value.UnpairedLifetime;

    /// <summary>Registered before the registration's write, so a device saved is a device that will be looked at.</summary>
    private Task ArmUnpairedPurgeAsync(CancellationToken cancellationToken)
    {
        var lifetime = UnpairedLifetime;
        return this.RegisterOrUpdateReminder(UnpairedReminder, lifetime, lifetime > MinimumReminderPeriod ? lifetime : MinimumReminderPeriod, cancellationToken);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != UnpairedReminder)
        {
            await base.ReceiveReminder(reminderName, status);
            return;
        }
        var s = Persisted.State;
        var now = time.GetUtcNow();
        if (s.PublicKey is not null && s.FirstPairedAt is null)
        {
            if (now - s.RegisteredAt < UnpairedLifetime)
            {
                return;
            }
            await SaveAsync(new DeviceState { PurgedAt = now, RegisteredAt = s.RegisteredAt, Owed = s.Owed.Plus(History(HistoryActivities.DevicePurged, "purged", RequestOrigin.Internal, "never paired")) },
                CancellationToken.None);
        }
        if (await this.GetReminder(UnpairedReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
