namespace PushAuth.Silo.Http;

/// <summary>Liveness (<c>/healthz</c>: the process serves requests) and readiness (<c>/readyz</c>: the silo is in its cluster and storage answers).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app, StorageOptions storage)
    {
        var provider = storage.Provider.ToString().ToLowerInvariant();
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapGet("/readyz", async (SiloReadiness readiness, StorageHealth health, CancellationToken ct) =>
            {
                if (!readiness.IsReady)
                {
                    return Results.Json(new { status = "not-ready", storage = provider, reason = readiness.LastError ?? "initializing" }, statusCode: 503);
                }
                // A silo whose database is down cannot serve writes: the load balancer should send traffic elsewhere until it answers.
                var database = await health.CheckAsync(ct);
                return database.IsHealthy
                    ? Results.Ok(new { status = "ready", storage = provider })
                    : Results.Json(new { status = "not-ready", storage = provider, reason = "storage-unavailable", detail = database.Error }, statusCode: 503);
            })
            .ExcludeFromDescription();
    }
}
