using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PushAuth.Diagnostics.Tests;

/// <summary>Captures every measurement on the PushAuth meter while alive.</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, PushAuthDiagnostics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<RecordedMeasurement> Measurements { get; } = new();

    public void Collect() => _listener.RecordObservableInstruments();

    /// <summary>Measurements on <paramref name="instrument"/> carrying the tag <paramref name="key"/>=<paramref name="value"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> For(string instrument, string key, string value) =>
        [.. Measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(key, out var v) && Equals(v, value))];

    public IReadOnlyList<RecordedMeasurement> For(string instrument) =>
        [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}
