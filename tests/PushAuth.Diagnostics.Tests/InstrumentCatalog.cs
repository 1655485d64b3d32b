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
    public static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var baseName = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            baseName += "_seconds";
        }

        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Histogram<>))
        {
            return [baseName + "_bucket", baseName + "_sum", baseName + "_count"];
        }

        if (type == typeof(Counter<>) || type == typeof(ObservableCounter<>))
        {
            return [baseName + "_total"];
        }

        return [baseName];
    }
}
