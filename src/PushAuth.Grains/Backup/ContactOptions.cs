namespace PushAuth.Grains.Backup;

/// <summary>Bound from <c>PushAuth:Contact</c>: the cluster-wide limits on verification messages beside the per-contact
/// one (5 an hour, one per 30 s for each device), which is fixed.</summary>
internal sealed class ContactOptions
{
    public const int DefaultSendsPerDevicePerHour = 10;
    public const int DefaultSendsPerSourcePerHour = 30;

    /// <summary>Codes a device may ask for per hour, whatever the contacts.</summary>
    public int SendsPerDevicePerHour { get; set; } = DefaultSendsPerDevicePerHour;

    /// <summary>Codes one source address may ask for per hour (raise it behind a NAT that many users share).</summary>
    public int SendsPerSourcePerHour { get; set; } = DefaultSendsPerSourcePerHour;
}
