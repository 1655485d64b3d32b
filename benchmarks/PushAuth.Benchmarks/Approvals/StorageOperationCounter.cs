using System.Diagnostics.Metrics;
using PushAuth.Diagnostics;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>Counts grain-state reads and writes from the storage-duration histogram, and collects push dispatch
/// delays (outbox row committed → send request), while it lives.</summary>
public sealed class StorageOperationCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _reads;
    private long _writes;
    private readonly List<double> _delays = [];

    public StorageOperationCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PushAuthDiagnostics.MeterName
                && instrument.Name is PushAuthDiagnostics.InstrumentNames.StorageOperationDuration or PushAuthDiagnostics.InstrumentNames.PushDispatchDelay)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == PushAuthDiagnostics.InstrumentNames.PushDispatchDelay)
            {
                lock (_delays)
                {
                    _delays.Add(value * 1000);
                }
                return;
            }
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    Interlocked.Increment(ref Equals(tag.Value, "read") ? ref _reads : ref _writes);
                }
            }
        });
        _listener.Start();
    }

    public (long Reads, long Writes) Snapshot() => (Interlocked.Read(ref _reads), Interlocked.Read(ref _writes));

    /// <summary>Push dispatch delay percentiles in milliseconds.</summary>
    public (double P50, double P99) DispatchDelay()
    {
        lock (_delays)
        {
            var sorted = _delays.Order().ToArray();
            return sorted.Length == 0 ? (0, 0) : (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
        }
    }

    public void Dispose() => _listener.Dispose();
}
