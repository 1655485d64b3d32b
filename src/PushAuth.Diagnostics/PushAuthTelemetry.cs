using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics;

/// <summary>
/// The process's tracer and meter providers. A DI singleton built at host start by
/// <see cref="TelemetryServiceCollectionExtensions.AddPushAuthTelemetry"/>; disposing it (with the
/// service provider) flushes and shuts both down.
/// </summary>
public sealed class PushAuthTelemetry : IDisposable
{
    /// <summary>Built-in activity sources traced besides ours.</summary>
    public static IReadOnlyList<string> FrameworkActivitySourceNames { get; } =
        ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Built-in meters collected besides ours.</summary>
    public static IReadOnlyList<string> FrameworkMeterNames { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
    ];

    private PushAuthTelemetry(string serviceName, OtlpExportSettings export, TracerProvider tracerProvider, MeterProvider meterProvider)
    {
        ServiceName = serviceName;
        Export = export;
        TracerProvider = tracerProvider;
        MeterProvider = meterProvider;
    }

    /// <summary>Default <c>service.name</c> (overridden by <c>OTEL_SERVICE_NAME</c>).</summary>
    public string ServiceName { get; }

    /// <summary>Which signals have an OTLP exporter.</summary>
    public OtlpExportSettings Export { get; }

    /// <summary>The tracer provider listening to our and the framework's activity sources.</summary>
    public TracerProvider TracerProvider { get; }

    /// <summary>The meter provider collecting our and the framework's meters.</summary>
    public MeterProvider MeterProvider { get; }

    /// <summary>Flushes and shuts down both providers.</summary>
    public void Dispose()
    {
        TracerProvider.Dispose();
        MeterProvider.Dispose();
    }

    internal static PushAuthTelemetry Create(
        IConfiguration configuration,
        string serviceName,
        PushAuthTelemetryOptions options,
        OtlpExportSettings export)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(CreateResourceBuilder(serviceName, options));
        // Listening costs on every request and grain call: only listen when something will read the spans.
        if (export.Traces || options.ConfigureTracing is not null)
        {
            tracing.AddSource([.. PushAuthDiagnostics.ActivitySourceNames, .. FrameworkActivitySourceNames]);
        }
        if (export.Traces)
        {
            tracing.AddOtlpExporter(o => ApplySignalSettings(o, configuration, "TRACES"));
        }

        options.ConfigureTracing?.Invoke(tracing);

        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(CreateResourceBuilder(serviceName, options));
        if (export.Metrics || options.ConfigureMetrics is not null)
        {
            metrics.AddMeter([PushAuthDiagnostics.MeterName, .. FrameworkMeterNames]);
        }
        if (export.Metrics)
        {
            metrics.AddOtlpExporter(o => ApplySignalSettings(o, configuration, "METRICS"));
        }

        options.ConfigureMetrics?.Invoke(metrics);

        var tracerProvider = tracing.Build();
        try
        {
            return new PushAuthTelemetry(serviceName, export, tracerProvider, metrics.Build());
        }
        catch
        {
            tracerProvider.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Applies <c>OTEL_EXPORTER_OTLP_{SIGNAL}_ENDPOINT</c>/<c>_PROTOCOL</c>, which the exporter's
    /// <c>AddOtlpExporter</c> path does not read itself; a signal endpoint is used as given.
    /// </summary>
    internal static void ApplySignalSettings(OtlpExporterOptions options, IConfiguration configuration, string signal)
    {
        var endpoint = configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint) && Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri))
        {
            options.Endpoint = uri;
        }

        var protocol = configuration[$"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL"]?.Trim();
        if (string.Equals(protocol, "grpc", StringComparison.OrdinalIgnoreCase))
        {
            options.Protocol = OtlpExportProtocol.Grpc;
        }
        else if (string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
        }
    }

    /// <summary>
    /// Service name, version and instance first, then <c>OTEL_RESOURCE_ATTRIBUTES</c> and
    /// <c>OTEL_SERVICE_NAME</c>, so the environment overrides the code's defaults.
    /// </summary>
    internal static ResourceBuilder CreateResourceBuilder(string serviceName, PushAuthTelemetryOptions options) =>
        ResourceBuilder.CreateEmpty()
            .AddService(
                serviceName,
                serviceVersion: options.ServiceVersion ?? Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: false,
                serviceInstanceId: options.ServiceInstanceId ?? Environment.MachineName)
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector();
}
