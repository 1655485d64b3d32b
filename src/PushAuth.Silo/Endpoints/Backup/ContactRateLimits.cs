namespace PushAuth.Silo.Endpoints.Backup;

/// <summary>The cluster-wide limits on verification messages beside the per-contact one (5 an hour; one per 30 s for each device).</summary>
public static class ContactRateLimits
{
    /// <summary>Codes a device may ask for per hour, whatever the contacts.</summary>
    public const int SendsPerDevicePerHour = 10;

    /// <summary>Codes one source address may ask for per hour.</summary>
    public const int SendsPerSourcePerHour = 30;
}
