namespace PushAuth.Silo;

/// <summary>Bound from <c>PushAuth:Silo</c>.</summary>
public sealed class SiloOptions
{
    public SiloRole Role { get; set; } = SiloRole.All;

    /// <summary>Public base URL of this deployment, used in pairing QR links; defaults to the request's own.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long graceful shutdown waits for in-flight requests and turns.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool ServesApi => Role is SiloRole.All or SiloRole.Api;

    public bool ServesGateway => Role is SiloRole.All or SiloRole.Gateway;
}
