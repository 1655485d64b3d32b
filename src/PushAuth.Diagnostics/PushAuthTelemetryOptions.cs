using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics;

/// <summary>Extra settings for <see cref="TelemetryServiceCollectionExtensions.AddPushAuthTelemetry"/>.</summary>
public sealed class PushAuthTelemetryOptions
{
    /// <summary><c>service.version</c>; defaults to the entry assembly's version.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary><c>service.instance.id</c>; defaults to the machine (container, pod) name. <c>OTEL_RESOURCE_ATTRIBUTES</c> wins.</summary>
    public string? ServiceInstanceId { get; set; }

    /// <summary>Adds the OpenTelemetry logging provider to <c>ILoggingBuilder</c>. Default true.</summary>
    public bool EnableLogging { get; set; } = true;

    /// <summary>Runs last on the tracer provider builder (tests add in-memory exporters here).</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; set; }

    /// <summary>Runs last on the meter provider builder (tests add readers here).</summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; set; }

    /// <summary>Runs last on the OpenTelemetry logger options (tests add processors here).</summary>
    public Action<OpenTelemetryLoggerOptions>? ConfigureLogging { get; set; }
}
