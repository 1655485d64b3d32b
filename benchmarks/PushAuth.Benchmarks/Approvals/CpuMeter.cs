using System.Diagnostics;
using System.Globalization;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>CPU spent during a run: by this process (silos and load generator) and by the whole machine (from
/// /proc/stat, so the database server counts too). Tells whether a run was bound by the two cores.</summary>
public sealed class CpuMeter
{
    private TimeSpan _process;
    private (long Busy, long Total) _machine;
    private long _started;

    public void Start()
    {
        _process = Process.GetCurrentProcess().TotalProcessorTime;
        _machine = ReadMachine();
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>This process's CPU time, the machine's busy fraction, and the wall time since <see cref="Start"/>.</summary>
    public (TimeSpan ProcessCpu, double MachineBusy, TimeSpan Wall) Stop()
    {
        var process = Process.GetCurrentProcess().TotalProcessorTime - _process;
        var machine = ReadMachine();
        var total = machine.Total - _machine.Total;
        return (process, total > 0 ? (double)(machine.Busy - _machine.Busy) / total : double.NaN, Stopwatch.GetElapsedTime(_started));
    }

    private static (long Busy, long Total) ReadMachine()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Sum();
        return (total - idle, total);
    }
}
