using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics;

/// <summary>Builds the providers when the host starts, so listeners exist before the first request.</summary>
internal sealed partial class PushAuthTelemetryStartup(PushAuthTelemetry telemetry, ILogger<PushAuthTelemetryStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.TelemetryStarted(logger, telemetry.ServiceName, telemetry.Export.Traces, telemetry.Export.Metrics, telemetry.Export.Logs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Flush before the container disposes the providers so the last spans of shutdown are kept.
        telemetry.TracerProvider.ForceFlush(5000);
        telemetry.MeterProvider.ForceFlush(5000);
        return Task.CompletedTask;
    }
}
