namespace PushAuth.Abstractions;

/// <summary>Where a request came from, carried into grains for audit events (grains never see HttpContext).</summary>
[GenerateSerializer, Immutable, Alias("pa.RequestOrigin")]
public sealed record RequestOrigin(string? SourceIp, string? UserAgent, string? TraceId)
{
    public static RequestOrigin Internal { get; } = new(null, "pushauth-internal", null);
}
