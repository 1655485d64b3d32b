using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics;

/// <summary>OpenTelemetry wiring for PushAuth hosts, on OpenTelemetry.Extensions.Hosting.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Paths carry user ids (<c>/v1/users/alice/methods</c>) that the grain ids keep out of traces as hashes: a
    /// server span's <c>url.path</c> becomes the route's template (<c>/v1/users/{userId}/methods</c>, as <c>http.route</c>),
    /// or goes when no route matched.</summary>
    internal static void RedactPath(System.Diagnostics.Activity activity, HttpResponse response) =>
        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText);

    /// <summary>
    /// Registers OpenTelemetry with <c>services.AddOpenTelemetry()</c>: one resource for every signal; traces of our
    /// sources, Orleans' (<see cref="FrameworkTelemetryNames.OrleansActivitySourceNames"/>), ASP.NET Core server and
    /// HttpClient spans; metrics of our meter, Orleans' meter and the ASP.NET Core, Kestrel, HttpClient and runtime
    /// meters; the OpenTelemetry logging provider; trace ids on log scopes. The SDK's hosted service builds the
    /// providers when the host starts; the container flushes and disposes them with the host.
    /// OTLP exporters are added only for signals enabled by <see cref="OtlpExportSettings.FromConfiguration"/>;
    /// the exporter reads <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>/<c>_PROTOCOL</c>/<c>_HEADERS</c> from the container's
    /// <see cref="IConfiguration"/> itself, and the per-signal endpoint and protocol are applied on top. Call it
    /// before other hosted services are registered so telemetry starts first. A second call does nothing.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The host configuration (environment variables included).</param>
    /// <param name="serviceName">Default <c>service.name</c>; <c>OTEL_SERVICE_NAME</c> overrides it.</param>
    /// <param name="configure">Optional extra settings, e.g. test exporters.</param>
    public static IServiceCollection AddPushAuthTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<PushAuthTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        if (services.Any(descriptor => descriptor.ServiceType == typeof(PushAuthTelemetryRegistration)))
        {
            return services;
        }

        var options = new PushAuthTelemetryOptions();
        configure?.Invoke(options);
        var export = OtlpExportSettings.FromConfiguration(configuration);
        services.AddSingleton(new PushAuthTelemetryRegistration(serviceName, export));

        services.Configure<LoggerFactoryOptions>(factory =>
            factory.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // Listening costs on every request, grain call and measurement, so sources, meters and instrumentation are
        // added only when an exporter or a test hook reads them. The providers are built either way, so resolving
        // and flushing them does not depend on the configuration.
        var traced = export.Traces || options.ConfigureTracing is not null;
        var metered = export.Metrics || options.ConfigureMetrics is not null;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => ConfigureResource(resource, serviceName, options))
            .WithTracing(tracing =>
            {
                if (traced)
                {
                    tracing
                        .AddSource([.. PushAuthDiagnostics.ActivitySourceNames, .. FrameworkTelemetryNames.OrleansActivitySourceNames])
                        .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = RedactPath)
                        .AddHttpClientInstrumentation();
                }

                if (export.Traces)
                {
                    tracing.AddOtlpExporter(o => OtlpExportSettings.ApplySignalSettings(o, configuration, "TRACES"));
                }

                options.ConfigureTracing?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                if (metered)
                {
                    metrics
                        .AddMeter([PushAuthDiagnostics.MeterName, FrameworkTelemetryNames.OrleansMeterName, .. FrameworkTelemetryNames.FrameworkMeterNames])
                        .AddAspNetCoreInstrumentation()
                        .AddHttpClientInstrumentation();
                }

                if (export.Metrics)
                {
                    metrics.AddOtlpExporter(o => OtlpExportSettings.ApplySignalSettings(o, configuration, "METRICS"));
                }

                options.ConfigureMetrics?.Invoke(metrics);
            });

        if (options.EnableLogging)
        {
            telemetry.WithLogging(
                logging =>
                {
                    if (export.Logs)
                    {
                        logging.AddOtlpExporter(o => OtlpExportSettings.ApplySignalSettings(o, configuration, "LOGS"));
                    }
                },
                logOptions =>
                {
                    logOptions.IncludeScopes = true;
                    logOptions.IncludeFormattedMessage = true;
                    options.ConfigureLogging?.Invoke(logOptions);
                });
        }

        return services;
    }

    /// <summary>
    /// Service name, version and instance first, then <c>OTEL_RESOURCE_ATTRIBUTES</c> and <c>OTEL_SERVICE_NAME</c>,
    /// so the environment overrides the code's defaults (the SDK's default builder has the detector first).
    /// </summary>
    private static void ConfigureResource(ResourceBuilder resource, string serviceName, PushAuthTelemetryOptions options) =>
        resource.Clear()
            .AddService(
                serviceName,
                serviceVersion: options.ServiceVersion ?? Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: false,
                serviceInstanceId: options.ServiceInstanceId ?? Environment.MachineName)
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector();
}
