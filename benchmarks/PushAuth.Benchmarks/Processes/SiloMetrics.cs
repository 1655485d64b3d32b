using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// The silo's own meters, read from outside the process: an EventPipe session on the runtime's diagnostics port
/// (what <c>dotnet-counters</c> does) with the <c>System.Diagnostics.Metrics</c> provider, once a second. These are
/// the meters the silo exports over OTLP: <c>System.Runtime</c> (JIT, GC, allocation) and Orleans' (activations,
/// grain-storage operations). Counters arrive as cumulative values, histograms as per-interval counts; both become
/// <see cref="CumulativeSeries"/> so a window that does not start on a sample is still read exactly enough.
/// </summary>
public sealed class SiloMetrics : IAsyncDisposable
{
    public const string JitCompiledMethods = "dotnet.jit.compiled_methods";
    public const string JitCompilationTime = "dotnet.jit.compilation.time";
    public const string AllocatedBytes = "dotnet.gc.heap.total_allocated";
    public const string GcPauseTime = "dotnet.gc.pause.time";
    public const string WorkingSet = "dotnet.process.memory.working_set";
    public const string HeapSizeAfterLastGc = "dotnet.gc.last_collection.heap.size";
    public const string Activations = "orleans-catalog-activations";
    public const string StorageWrites = "orleans-storage-write-latency";
    public const string StorageReads = "orleans-storage-read-latency";

    private const string Provider = "System.Diagnostics.Metrics";
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CumulativeSeries>> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _histograms = new(StringComparer.Ordinal);
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");

    private SiloMetrics(int pid)
    {
        Pid = pid;
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = _sessionId,
            ["Metrics"] = $"System.Runtime,Microsoft.Orleans\\{Activations},Microsoft.Orleans\\{StorageWrites},Microsoft.Orleans\\{StorageReads}",
            ["RefreshInterval"] = "1",
            ["MaxTimeSeries"] = "2000",
            ["MaxHistograms"] = "200",
        };
        // Keyword 0x2: time-series values (the values themselves, not just which instruments exist).
        var provider = new EventPipeProvider(Provider, EventLevel.Informational, 0x2, arguments);
        _session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 64);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Factory.StartNew(() => _source.Process(), TaskCreationOptions.LongRunning);
    }

    public int Pid { get; }

    /// <summary>An error the runtime reported for the session (for instance another tool holding the metrics session).</summary>
    public string? Error { get; private set; }

    /// <summary>Starts reading the metrics of process <paramref name="pid"/> (a .NET process with diagnostics enabled).</summary>
    public static SiloMetrics Start(int pid) => new(pid);

    /// <summary>A counter's or histogram's running total, summed over its tag sets.</summary>
    public double? Between(string instrument, DateTime from, DateTime to)
    {
        if (!_series.TryGetValue(instrument, out var byTags) || byTags.IsEmpty)
        {
            return null;
        }
        double total = 0;
        foreach (var (tags, series) in byTags)
        {
            // Histogram counts are increments: a tag set first seen inside the window started from zero.
            if (series.Between(from, to, increments: _histograms.ContainsKey(instrument)) is not { } growth)
            {
                return null;
            }
            total += growth;
        }
        return total;
    }

    /// <summary>The series of one instrument summed over tags, for the warm-up rule (only untagged counters need it).</summary>
    public CumulativeSeries Series(string instrument) =>
        _series.GetOrAdd(instrument, _ => new(StringComparer.Ordinal)).GetOrAdd("", _ => new CumulativeSeries());

    /// <summary>The latest value of a gauge or up-down counter, summed over tag sets whose tags contain <paramref name="tagFilter"/>.</summary>
    public double? Latest(string instrument, string? tagFilter = null) =>
        _gauges.TryGetValue(instrument, out var byTags) && !byTags.IsEmpty
            ? byTags.Where(kv => tagFilter is null || kv.Key.Contains(tagFilter, StringComparison.Ordinal)).Sum(kv => kv.Value)
            : null;

    /// <summary>The latest value of each tag set of a gauge.</summary>
    public IReadOnlyDictionary<string, double> LatestByTags(string instrument) =>
        _gauges.TryGetValue(instrument, out var byTags) ? new Dictionary<string, double>(byTags) : new Dictionary<string, double>();

    /// <summary>Waits until a sample taken after <paramref name="at"/> has arrived, so a window ending at
    /// <paramref name="at"/> can be interpolated; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForSampleAfterAsync(DateTime at, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Series(JitCompiledMethods).LastAt > at)
            {
                return true;
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    private void OnEvent(TraceEvent e)
    {
        switch (e.EventName)
        {
            case "CounterRateValuePublished" or "UpDownCounterRateValuePublished" or "GaugeValuePublished" or "HistogramValuePublished":
                if (!Equals(e.PayloadByName("sessionId"), _sessionId))
                {
                    return;
                }
                break;
            case "Error" or "MultipleSessionsNotSupportedError" or "MultipleSessionsConfiguredIncorrectlyError" or "ObservableInstrumentCallbackError":
                Error = string.Join(", ", e.PayloadNames.Select((n, i) => $"{n}={e.PayloadValue(i)}"));
                return;
            default:
                return;
        }
        var instrument = (string)e.PayloadByName("instrumentName");
        var tags = e.PayloadByName("tags") as string ?? "";
        var at = e.TimeStamp.ToUniversalTime();
        switch (e.EventName)
        {
            case "CounterRateValuePublished" when Number(e.PayloadByName("value")) is { } total:
                // Observable counters (all of System.Runtime's) publish their cumulative value.
                SeriesFor(instrument, tags).Add(at, total);
                break;
            case "UpDownCounterRateValuePublished" when Number(e.PayloadByName("value")) is { } current:
                _gauges.GetOrAdd(instrument, _ => new(StringComparer.Ordinal))[tags] = current;
                break;
            case "GaugeValuePublished" when Number(e.PayloadByName("lastValue")) is { } last:
                _gauges.GetOrAdd(instrument, _ => new(StringComparer.Ordinal))[tags] = last;
                break;
            case "HistogramValuePublished" when e.PayloadByName("count") is int count:
                _histograms[instrument] = true;
                SeriesFor(instrument, tags).AddIncrement(at, count);
                break;
        }
    }

    private CumulativeSeries SeriesFor(string instrument, string tags) =>
        _series.GetOrAdd(instrument, _ => new(StringComparer.Ordinal)).GetOrAdd(tags, _ => new CumulativeSeries());

    private static double? Number(object? value) =>
        value is string { Length: > 0 } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Induces a full blocking GC in process <paramref name="pid"/> from outside, as <c>dotnet-gcdump</c>
    /// does: a session with the runtime's GCHeapCollect keyword. Returns when the GC has ended (or after 30 s).</summary>
    public static async Task ForceFullGcAsync(int pid, CancellationToken cancellationToken)
    {
        const long gcKeyword = 0x1;
        const long gcHeapCollectKeyword = 0x800000;
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, gcKeyword | gcHeapCollectKeyword);
        using var session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 64);
        using var source = new EventPipeEventSource(session.EventStream);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Clr.GCStop += _ => ended.TrySetResult();
        var processing = Task.Factory.StartNew(() => source.Process(), TaskCreationOptions.LongRunning);
        await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
        session.Stop();
        await processing;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or ServerErrorException)
        {
            // The silo has stopped already: its end of the session went with it.
        }
        await _processing.ConfigureAwait(false);
        _source.Dispose();
        _session.Dispose();
    }
}
