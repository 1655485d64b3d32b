using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Devices;

/// <summary>A device: registered once, request nonces used once within the signature skew, and purged by its
/// "unpaired" reminder when it never paired within a day (the reminder fired here by hand through
/// <see cref="IRemindable"/>, on the fake clock).</summary>
public sealed class DeviceGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private async Task<IDeviceGrain> RegisteredAsync()
    {
        using var keys = DeviceKeyPair.Create();
        var device = host.Grains.GetGrain<IDeviceGrain>("dv_" + Guid.NewGuid().ToString("N")[..20]);
        await device.RegisterAsync(new DeviceRegistration(keys.PublicKeySpki, "android", "dev", null, "1.0", "Test phone"), Origin);
        return device;
    }

    private Task FireUnpairedReminderAsync(IDeviceGrain device)
    {
        var now = host.Time.GetUtcNow().UtcDateTime;
        return device.AsReference<IRemindable>().ReceiveReminder("unpaired", new TickStatus(now, TimeSpan.FromHours(24), now));
    }

    [Fact]
    public async Task Register_NewDevice_ActiveWithTheUnpairedReminderArmed()
    {
        var device = await RegisteredAsync();

        var info = await device.GetAsync();
        var reminders = await host.SiloServices.GetRequiredService<IReminderTable>().ReadRows(device.GetGrainId());

        Assert.NotNull(info);
        Assert.True(info.Active);
        Assert.Equal(host.Time.GetUtcNow(), info.RegisteredAt);
        Assert.Contains(reminders.Reminders, r => r.ReminderName == "unpaired");
    }

    [Fact]
    public async Task Register_TakenDeviceId_RefusedWithExists()
    {
        var device = await RegisteredAsync();
        using var keys = DeviceKeyPair.Create();

        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            device.RegisterAsync(new DeviceRegistration(keys.PublicKeySpki, "ios", "dev", null, "1.0", "Other"), Origin));

        Assert.Equal(ProblemCodes.Devices.Exists.Code, refused.Code);
    }

    [Fact]
    public async Task UnpairedReminder_BeforeTheLifetime_KeepsTheDevice()
    {
        var device = await RegisteredAsync();
        host.Time.Advance(TimeSpan.FromHours(23));

        await FireUnpairedReminderAsync(device);

        Assert.NotNull(await device.GetPublicKeyAsync());
    }

    [Fact]
    public async Task UnpairedReminder_AfterTheLifetimeWithoutPairing_PurgesTheDeviceAndItsReminder()
    {
        var device = await RegisteredAsync();
        host.Time.Advance(TimeSpan.FromHours(24));

        await FireUnpairedReminderAsync(device);

        Assert.Null(await device.GetPublicKeyAsync());
        Assert.Null(await device.GetAsync());
        var reminders = await host.SiloServices.GetRequiredService<IReminderTable>().ReadRows(device.GetGrainId());
        Assert.DoesNotContain(reminders.Reminders, r => r.ReminderName == "unpaired");
    }

    [Fact]
    public async Task UnpairedReminder_AfterTheLifetimeOfAPairedDevice_KeepsTheDevice()
    {
        var device = await RegisteredAsync();
        await device.AddPairingAsync("t" + Guid.NewGuid().ToString("N")[..12], "alice");
        host.Time.Advance(TimeSpan.FromHours(25));

        await FireUnpairedReminderAsync(device);

        Assert.NotNull(await device.GetPublicKeyAsync());
    }

    [Fact]
    public async Task UseRequestNonce_Twice_SecondRefused()
    {
        var device = await RegisteredAsync();
        var now = host.Time.GetUtcNow();

        Assert.True(await device.UseRequestNonceAsync("n-1", now));
        Assert.False(await device.UseRequestNonceAsync("n-1", now));
        Assert.True(await device.UseRequestNonceAsync("n-2", now));
    }
}
