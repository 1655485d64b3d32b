using System.Diagnostics.Metrics;
using PushAuth.Diagnostics;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>Counts grain-state reads and writes from the storage-duration histogram while it lives.</summary>
public sealed class StorageOperationCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _reads;
    private long _writes;

    public StorageOperationCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PushAuthDiagnostics.MeterName && instrument.Name == "pushauth.storage.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
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

    public void Dispose() => _listener.Dispose();
}
