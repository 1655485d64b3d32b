using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics;

/// <summary>Flushing the providers <see cref="TelemetryServiceCollectionExtensions.AddPushAuthTelemetry"/> registered.</summary>
public static class TelemetryServiceProviderExtensions
{
    /// <summary>
    /// Exports what the tracer, meter and logger providers hold now, e.g. before a process exits without disposing
    /// its host. Disposing the host flushes too; this is for the cases where that is too late. Providers that are
    /// not registered are skipped.
    /// </summary>
    /// <param name="services">The host's service provider.</param>
    /// <param name="timeoutMilliseconds">Time allowed for each provider.</param>
    /// <returns><see langword="true"/> when every provider flushed in time.</returns>
    public static bool ForceFlushPushAuthTelemetry(this IServiceProvider services, int timeoutMilliseconds = 5000)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMilliseconds, 0);

        var flushed = true;
        if (services.GetService<TracerProvider>() is { } tracerProvider)
        {
            flushed &= tracerProvider.ForceFlush(timeoutMilliseconds);
        }

        if (services.GetService<MeterProvider>() is { } meterProvider)
        {
            flushed &= meterProvider.ForceFlush(timeoutMilliseconds);
        }

        if (services.GetService<LoggerProvider>() is { } loggerProvider)
        {
            flushed &= loggerProvider.ForceFlush(timeoutMilliseconds);
        }

        return flushed;
    }
}
