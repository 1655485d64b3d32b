using Microsoft.Extensions.Configuration;

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

    private static bool Enabled(IConfiguration configuration, bool common, string signal) =>
        (common || IsSet(configuration, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"))
        && !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    private static bool IsSet(IConfiguration configuration, string key) =>
        !string.IsNullOrWhiteSpace(configuration[key]);
}
