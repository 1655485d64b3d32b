namespace PushAuth.Silo.Http;

/// <summary>The result of a storage ping: healthy, or the error that makes the database unreachable.</summary>
public sealed record StorageStatus(bool IsHealthy, string? Error)
{
    public static readonly StorageStatus Healthy = new(true, null);

    public static StorageStatus Unavailable(string error) => new(false, error);
}
