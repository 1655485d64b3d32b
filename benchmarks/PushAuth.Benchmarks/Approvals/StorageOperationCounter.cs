using System.Diagnostics.Metrics;
using PushAuth.Diagnostics;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>While it lives, counts Orleans' grain-state reads and writes (from its storage latency histograms, which
/// Orleans records for every provider) and collects push hand-off delays (decision saved → push accepted by the transport).</summary>
public sealed class StorageOperationCounter : IDisposable
{
    private const string OrleansMeter = "Microsoft.Orleans";
    private readonly MeterListener _listener = new();
    private readonly List<double> _pushDelays = [];
    private long _reads;
    private long _writes;

    public StorageOperationCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if ((instrument.Meter.Name == OrleansMeter && instrument.Name is "orleans-storage-read-latency" or "orleans-storage-write-latency")
                || (instrument.Meter.Name == PushAuthDiagnostics.MeterName && instrument.Name == PushAuthDiagnostics.InstrumentNames.EffectsDeliveryDelay))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public (long Reads, long Writes) Snapshot() => (Interlocked.Read(ref _reads), Interlocked.Read(ref _writes));

    /// <summary>Push hand-off delay percentiles in milliseconds.</summary>
    public (double P50, double P99) PushDelay()
    {
        lock (_pushDelays)
        {
            var sorted = _pushDelays.Order().ToArray();
            return sorted.Length == 0 ? (0, 0) : (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
        lock (_pushDelays)
        {
            _pushDelays.Clear();
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument.Name)
        {
            case "orleans-storage-read-latency":
                Interlocked.Increment(ref _reads);
                return;
            case "orleans-storage-write-latency":
                Interlocked.Increment(ref _writes);
                return;
        }
        foreach (var tag in tags)
        {
            if (tag.Key == PushAuthDiagnostics.TagNames.EffectKind && Equals(tag.Value, PushAuthDiagnostics.EffectKinds.Push))
            {
                lock (_pushDelays)
                {
                    _pushDelays.Add(value * 1000);
                }
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
