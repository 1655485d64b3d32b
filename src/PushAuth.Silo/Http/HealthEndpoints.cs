using PushAuth.Hosting;

namespace PushAuth.Silo.Http;

/// <summary>Liveness (<c>/healthz</c>: the process serves requests) and readiness (<c>/readyz</c>: storage is usable).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapGet("/readyz", (SiloReadiness readiness, Hosting.Storage.IGrainStorage storage) => readiness.IsReady
                ? Results.Ok(new { status = "ready", storage = storage.ProviderName })
                : Results.Json(new { status = "not-ready", storage = storage.ProviderName, reason = readiness.LastError ?? "initializing" }, statusCode: 503))
            .ExcludeFromDescription();
    }
}
