using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace PushAuth.Diagnostics;

/// <summary>OpenTelemetry wiring for PushAuth hosts, without OpenTelemetry.Extensions.Hosting.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PushAuthTelemetry"/> (tracer and meter providers built at host start and
    /// disposed with the container), the OpenTelemetry logging provider, and trace ids on log scopes.
    /// OTLP exporters are added only for signals enabled by <see cref="OtlpExportSettings.FromConfiguration"/>;
    /// the exporter reads <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>/<c>_HEADERS</c> itself. Call it before other
    /// hosted services are registered so telemetry starts first.
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

        if (services.Any(descriptor => descriptor.ServiceType == typeof(PushAuthTelemetry)))
        {
            return services;
        }

        var options = new PushAuthTelemetryOptions();
        configure?.Invoke(options);
        var export = OtlpExportSettings.FromConfiguration(configuration);

        services.AddSingleton(_ => PushAuthTelemetry.Create(configuration, serviceName, options, export));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PushAuthTelemetryStartup>());

        services.Configure<LoggerFactoryOptions>(factory =>
            factory.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (options.EnableLogging)
        {
            services.AddLogging(logging => logging.AddOpenTelemetry(logOptions =>
            {
                logOptions.IncludeScopes = true;
                logOptions.IncludeFormattedMessage = true;
                logOptions.SetResourceBuilder(PushAuthTelemetry.CreateResourceBuilder(serviceName, options));
                if (export.Logs)
                {
                    logOptions.AddOtlpExporter(o => PushAuthTelemetry.ApplySignalSettings(o, configuration, "LOGS"));
                }

                options.ConfigureLogging?.Invoke(logOptions);
            }));
        }

        return services;
    }
}
