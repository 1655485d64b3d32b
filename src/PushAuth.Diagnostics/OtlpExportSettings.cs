using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace PushAuth.Diagnostics;

/// <summary>
/// Which signals get an OTLP exporter, decided from the standard <c>OTEL_*</c> keys: a signal is
/// exported when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or its signal-specific endpoint is set and
/// <c>OTEL_{SIGNAL}_EXPORTER</c> is not <c>none</c>. With nothing set, nothing is exported.
/// </summary>
/// <param name="Traces">Add the OTLP trace exporter.</param>
/// <param name="Metrics">Add the OTLP metric exporter.</param>
/// <param name="Logs">Add the OTLP log exporter.</param>
public sealed record OtlpExportSettings(bool Traces, bool Metrics, bool Logs)
{
    /// <summary>Nothing exported.</summary>
    public static OtlpExportSettings None { get; } = new(false, false, false);

    /// <summary>True when at least one signal is exported.</summary>
    public bool Any => Traces || Metrics || Logs;

    /// <summary>Reads the decision from configuration (environment variables in a default host).</summary>
    public static OtlpExportSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var common = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT");
        return new OtlpExportSettings(
            Traces: Enabled(configuration, common, "TRACES"),
            Metrics: Enabled(configuration, common, "METRICS"),
            Logs: Enabled(configuration, common, "LOGS"));
    }

    /// <summary>
    /// Applies <c>OTEL_EXPORTER_OTLP_{SIGNAL}_ENDPOINT</c>/<c>_PROTOCOL</c>, which the signal's
    /// <c>AddOtlpExporter</c> does not read itself (only <c>UseOtlpExporter</c> does, and that one
    /// exports every signal or none); a signal endpoint is used as given, with no path appended.
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

    private static bool Enabled(IConfiguration configuration, bool common, string signal) =>
        (common || IsSet(configuration, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"))
        && !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    private static bool IsSet(IConfiguration configuration, string key) =>
        !string.IsNullOrWhiteSpace(configuration[key]);
}
