

namespace PushAuth.Silo.Http;

/// <summary>Answers 503 problem+json on /v1 while storage is not ready, instead of letting grain calls fail.</summary>
internal sealed class ReadinessGateMiddleware(RequestDelegate next, SiloReadiness readiness)
{
    public Task InvokeAsync(HttpContext context) =>
        !readiness.IsReady && context.Request.Path.StartsWithSegments("/v1") ? throw new SiloNotReadyException() : next(context);
}
