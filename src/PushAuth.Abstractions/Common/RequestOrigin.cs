namespace PushAuth.Abstractions;

/// <summary>Where a request came from, carried into grains for audit events (grains never see HttpContext).</summary>
[GenerateSerializer, Immutable, Alias("pa.RequestOrigin")]
public sealed record RequestOrigin(string? SourceIp, string? UserAgent, string? TraceId)
{
    public static RequestOrigin Internal { get; } = new(null, "pushauth-internal", null);

    /// <summary>No request at all: what a grain or the delivery loop records on its own (a retention cut, a push that
    /// never arrived) has no address, agent or trace.</summary>
    public static RequestOrigin None { get; } = new(null, null, null);
}
