namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// CPU time of a process, optionally with its direct children (a PostgreSQL postmaster and its backends, checkpointer,
/// WAL writer…): the process's own time, plus each live child's own time, plus the time of children that already
/// exited (the parent's cutime/cstime). Over a window the difference of two readings counts a backend that started or
/// ended inside it exactly once.
/// </summary>
public static class ProcessTreeCpu
{
    /// <summary>Seconds of CPU used so far by <paramref name="pid"/> (and its children), or null when it has gone.</summary>
    public static double? Read(int pid, bool withChildren) => ProcStat.Read(pid) switch
    {
        null => null,
        { } root when withChildren => Sum(root, ProcStat.ReadAll()),
        { } root => root.OwnTicks / ProcStat.TicksPerSecond,
    };

    /// <summary>The total for <paramref name="root"/> from a list of processes (pure: the tests feed it made-up stats).</summary>
    public static double Sum(ProcStat root, IEnumerable<ProcStat> processes)
    {
        var ticks = root.OwnTicks + root.ChildrenTicks + processes.Where(p => p.ParentPid == root.Pid).Sum(c => c.OwnTicks);
        return ticks / ProcStat.TicksPerSecond;
    }
}
