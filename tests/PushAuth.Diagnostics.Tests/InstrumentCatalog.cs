using System.Diagnostics.Metrics;

namespace PushAuth.Diagnostics.Tests;

/// <summary>Enumerates the instruments the PushAuth meter has published, via a MeterListener.</summary>
internal static class InstrumentCatalog
{
    public static IReadOnlyList<Instrument> Published()
    {
        _ = PushAuthDiagnostics.Meter;
        var found = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, PushAuthDiagnostics.Meter))
                {
                    lock (found)
                    {
                        found.Add(instrument);
                    }
                }
            },
        };
        listener.Start();
        lock (found)
        {
            return [.. found];
        }
    }

    /// <summary>The series names Prometheus shows for an instrument after the OTLP to Prometheus conversion.</summary>
    public static IEnumerable<string> PrometheusNames(Instrument instrument) =>
        PrometheusNames(instrument.Name, instrument.GetType().GetGenericTypeDefinition(), instrument.Unit);

    /// <summary>The series names Prometheus shows for another library's instrument.</summary>
    public static IEnumerable<string> PrometheusNames(ExternalInstrument instrument) =>
        PrometheusNames(instrument.Name, instrument.Kind, instrument.Unit);

    /// <summary>
    /// What the collector's Prometheus exporter (<c>add_metric_suffixes: true</c>) does: dots and dashes become
    /// underscores; the unit is appended (UCUM <c>s</c>/<c>ms</c>/<c>By</c> spelt out, <c>{annotations}</c> dropped,
    /// other units as written) unless the name already ends with it; counters get <c>_total</c>, histograms
    /// <c>_bucket</c>/<c>_sum</c>/<c>_count</c>; up-down counters and gauges stay as they are.
    /// </summary>
    public static IEnumerable<string> PrometheusNames(string name, Type kind, string? unit)
    {
        var baseName = name.Replace('.', '_').Replace('-', '_');
        var suffix = unit switch
        {
            null or "" => null,
            _ when unit.StartsWith('{') => null,
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ => unit,
        };
        if (suffix is not null && !baseName.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            baseName += "_" + suffix;
        }

        if (kind == typeof(Histogram<>))
        {
            return [baseName + "_bucket", baseName + "_sum", baseName + "_count"];
        }

        if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>))
        {
            return [baseName + "_total"];
        }

        return [baseName];
    }
}
