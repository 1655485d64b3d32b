using Microsoft.Extensions.Options;
using PushAuth.Diagnostics;
using PushAuth.Grains;
using PushAuth.Hosting;
using PushAuth.Hosting.Postgres;
using PushAuth.Hosting.Sqlite;
using PushAuth.Push;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo;

/// <summary>Builds the silo: configuration, grain runtime, storage, endpoints. Used by Program and by tests
/// that start real silos on loopback ports.</summary>
public static class SiloApplication
{
    /// <summary>Builds a silo from command-line arguments (and appsettings/environment as usual for ASP.NET Core).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection("PushAuth");
        var siloSection = section.GetSection("Silo");
        var storageSection = section.GetSection("Storage");

        builder.Services.AddOptions<SiloOptions>().Bind(siloSection).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        var siloOptions = siloSection.Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = siloOptions.ShutdownTimeout);

        // Telemetry first: its hosted service must start before the ones it observes.
        builder.Services.AddPushAuthTelemetry(builder.Configuration, "pushauth-silo");
        builder.Services.AddGrainHosting(section.GetSection("Hosting"));
        var storage = storageSection.Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider == StorageProvider.Postgres)
        {
            builder.Services.AddPostgresGrainStorage(storageSection);
        }
        else
        {
            builder.Services.AddSqliteGrainStorage(storageSection);
        }

        builder.Services.AddPushAuthGrains(section);
        builder.Services.AddPushSenders(section.GetSection("Push"));
        if (siloOptions.ServesGateway)
        {
            builder.Services.AddPushDispatch();
        }

        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddSingleton<DeviceSessions>();
        builder.Services.AddSingleton<ActiveDeviceCache>();
        builder.Services.AddSingleton<ClaimRateLimiter>();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ReadinessGateMiddleware>();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/v1.json");
        app.MapIdentityEndpoints(siloOptions);
        app.MapApprovalEndpoints(siloOptions);
        return app;
    }
}
