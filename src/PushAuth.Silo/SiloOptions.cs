namespace PushAuth.Silo;

/// <summary>Bound from <c>PushAuth:Silo</c>.</summary>
public sealed class SiloOptions
{
    public SiloRole Role { get; set; } = SiloRole.All;

    /// <summary>Public base URL of this deployment: every link and QR offer sent to people starts with it, and its host is
    /// the one requests may name. Required outside Development; only there does a link fall back to the request's address.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Hosts accepted beside <see cref="PublicUrl"/>'s outside Development (e.g. the in-cluster Service name login
    /// services call); <c>*.example.com</c> wildcards as ASP.NET Core's host filtering.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How long graceful shutdown waits for in-flight requests and turns.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Orleans cluster id: silos with the same id and storage form one cluster.</summary>
    public string ClusterId { get; set; } = "pushauth";

    /// <summary>Orleans service id: the key of stored grain state and reminders; keep it across deployments.</summary>
    public string ServiceId { get; set; } = "pushauth";

    /// <summary>Port of silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Address other silos reach this one on (clustered deployments); defaults to the host's first address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Run under Orleans' Kubernetes hosting (pod name, namespace and labels from the environment).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Reverse proxies (addresses or CIDR networks) whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are trusted: behind an
    /// ingress, the client's own address is then what audit events and rate limits see. Empty: the headers are ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Long-polls (<c>wait=N</c>) one API key may hold open at once on this silo; more get 429 with Retry-After.</summary>
    public int MaxLongPollsPerKey { get; set; } = 100;

    /// <summary>Largest request body accepted, in bytes (413 above); backup uploads allow what their blob limit needs.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public bool ServesApi => Role is SiloRole.All or SiloRole.Api;

    public bool ServesGateway => Role is SiloRole.All or SiloRole.Gateway;
}
