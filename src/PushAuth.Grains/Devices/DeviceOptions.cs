namespace PushAuth.Grains.Devices;

/// <summary>Bound from <c>PushAuth:Devices</c>.</summary>
internal sealed class DeviceOptions
{
    /// <summary>A registered device that has not paired with any user within this time is purged.</summary>
    public TimeSpan UnpairedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Registrations accepted per client address and minute, per silo.</summary>
    public int RegistrationsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Pairing phrases one device may ask for per hour, cluster-wide (then 429 with Retry-After).</summary>
    public int PairingPhrasesPerHour { get; set; } = 10;
}
