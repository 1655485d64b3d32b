using System.Globalization;

namespace PushAuth.Benchmarks.Processes;

/// <summary>The whole machine's CPU from the first line of /proc/stat: tells whether a run was bound by the cores.</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read() => File.Exists("/proc/stat") ? Parse(File.ReadLines("/proc/stat").First()) : default;

    /// <summary>Parses the aggregate <c>cpu</c> line; idle and iowait count as not busy.</summary>
    public static MachineCpu Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        // guest and guest_nice (fields 9 and 10) are already inside user and nice.
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }

    /// <summary>The busy fraction between two readings.</summary>
    public static double BusyBetween(MachineCpu start, MachineCpu end) =>
        end.Total - start.Total is var total and > 0 ? (double)(end.Busy - start.Busy) / total : double.NaN;
}
