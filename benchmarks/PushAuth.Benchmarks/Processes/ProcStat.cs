using System.Globalization;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// One line of <c>/proc/&lt;pid&gt;/stat</c> (proc(5)), the fields the benchmarks read. Times are in clock ticks
/// (USER_HZ, 100 on Linux). <see cref="ChildrenTicks"/> is the CPU of children that exited and were waited for: a
/// PostgreSQL backend that ends inside a measured window moves its time there, so a tree's total stays whole.
/// </summary>
public readonly record struct ProcStat(int Pid, string Command, char State, int ParentPid, long UserTicks, long SystemTicks, long ChildrenUserTicks,
    long ChildrenSystemTicks, long ResidentPages)
{
    /// <summary>Clock ticks per second of the times in /proc (sysconf(_SC_CLK_TCK)); 100 on every Linux the project runs on.</summary>
    public const double TicksPerSecond = 100;

    public long OwnTicks => UserTicks + SystemTicks;

    public long ChildrenTicks => ChildrenUserTicks + ChildrenSystemTicks;

    /// <summary>Parses a stat line. The command is in parentheses and may itself contain spaces and parentheses, so
    /// the fields after it are found from the last closing parenthesis.</summary>
    public static ProcStat Parse(string line)
    {
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException($"not a /proc stat line: '{line}'");
        }
        var pid = int.Parse(line.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture);
        var command = line[(open + 1)..close];
        // Fields from 3 (state) on; index 0 here is field 3.
        var rest = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length < 22)
        {
            throw new FormatException($"a /proc stat line with {rest.Length + 2} fields, fewer than 24: '{line}'");
        }
        long Field(int number) => long.Parse(rest[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat(pid, command, rest[0][0], (int)Field(4), Field(14), Field(15), Field(16), Field(17), Field(24));
    }

    /// <summary>The stat of a live process, or null when it has gone.</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every live process's stat (a process that ends while the list is read is skipped).</summary>
    public static IEnumerable<ProcStat> ReadAll()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }
}
