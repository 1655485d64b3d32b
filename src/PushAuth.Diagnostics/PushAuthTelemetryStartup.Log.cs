using Microsoft.Extensions.Logging;

namespace PushAuth.Diagnostics;

internal sealed partial class PushAuthTelemetryStartup
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information,
            Message = "Telemetry started for {ServiceName}; OTLP export traces={ExportTraces}, metrics={ExportMetrics}, logs={ExportLogs}")]
        public static partial void TelemetryStarted(ILogger logger, string serviceName, bool exportTraces, bool exportMetrics, bool exportLogs);
    }
}
