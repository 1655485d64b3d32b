using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// A CPU sampling trace of a silo over one window, for "where the time goes" past what the meters say: EventPipe's
/// sample profiler (managed stacks every millisecond) with the runtime's JIT, loader and GC events (allocation ticks
/// included) and a rundown at the end, written as a .nettrace file (open it in PerfView, or <c>dotnet-trace convert --format speedscope</c>).
/// Only with <c>PUSHAUTH_BENCH_TRACE=1</c>: sampling costs the silo CPU, which then counts in the window's figures.
/// </summary>
public sealed class SiloTrace : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _copy;
    private readonly FileStream _file;

    private SiloTrace(int pid, string path)
    {
        const long gc = 0x1, loader = 0x8, jit = 0x10;
        _session = new DiagnosticsClient(pid).StartEventPipeSession(
        [
            new EventPipeProvider("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
            // Verbose: jitted methods with their names, and a GC allocation tick (with the type) every ~100 KB allocated.
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, gc | loader | jit),
        ], requestRundown: true, circularBufferMB: 256);
        _file = File.Create(path);
        _copy = _session.EventStream.CopyToAsync(_file);
        Path = path;
    }

    public string Path { get; }

    public static bool Requested => Environment.GetEnvironmentVariable("PUSHAUTH_BENCH_TRACE") == "1";

    public static SiloTrace Start(int pid, string path) => new(pid, path);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or ServerErrorException)
        {
            // The silo is gone: the trace holds what was sent before.
        }
        await _copy;
        await _file.DisposeAsync();
        _session.Dispose();
    }
}
