using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Tests;

public class ProcStatTests
{
    // A postgres backend as /proc shows it: the command holds spaces and a parenthesis.
    private const string Backend =
        "4242 (postgres: postgres approvals1 127.0.0.1(51234) idle) S 4100 4100 4100 0 -1 4194560 1200 0 0 0 731 245 12 3 20 0 1 0 88123 375123968 2311 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Parses_the_fields_after_a_command_with_spaces_and_parentheses()
    {
        var stat = ProcStat.Parse(Backend);

        Assert.Equal(4242, stat.Pid);
        Assert.Equal("postgres: postgres approvals1 127.0.0.1(51234) idle", stat.Command);
        Assert.Equal('S', stat.State);
        Assert.Equal(4100, stat.ParentPid);
        Assert.Equal(731, stat.UserTicks);
        Assert.Equal(245, stat.SystemTicks);
        Assert.Equal(12, stat.ChildrenUserTicks);
        Assert.Equal(3, stat.ChildrenSystemTicks);
        Assert.Equal(2311, stat.ResidentPages);
    }

    [Fact]
    public void Reads_this_process_from_proc()
    {
        var stat = ProcStat.Read(Environment.ProcessId);

        Assert.NotNull(stat);
        Assert.Equal(Environment.ProcessId, stat.Value.Pid);
        Assert.True(stat.Value.ResidentPages > 0);
    }

    [Fact]
    public void A_short_line_is_refused()
    {
        Assert.Throws<FormatException>(() => ProcStat.Parse("12 (x) S 1 2 3"));
        Assert.Throws<FormatException>(() => ProcStat.Parse("no parentheses here"));
    }

    [Fact]
    public void A_tree_counts_its_own_time_its_live_children_and_the_children_that_exited()
    {
        var postmaster = Stat(100, parent: 1, user: 50, system: 10, childrenUser: 400, childrenSystem: 100);
        var backends = new[] { Stat(101, parent: 100, user: 300, system: 100), Stat(102, parent: 100, user: 20, system: 5), Stat(200, parent: 1, user: 9999, system: 9999) };

        // 60 own + 500 of exited children + 425 of live children; the unrelated process is not counted.
        Assert.Equal(9.85, ProcessTreeCpu.Sum(postmaster, backends), 6);
    }

    [Fact]
    public void A_backend_that_ends_inside_a_window_is_counted_once()
    {
        var startTree = ProcessTreeCpu.Sum(Stat(100, 1, 10, 0), [Stat(101, 100, 100, 0)]);
        // Backend 101 used 50 more ticks and exited: the postmaster waited for it, its 150 ticks are now the parent's.
        var endTree = ProcessTreeCpu.Sum(Stat(100, 1, 10, 0, childrenUser: 150), []);

        Assert.Equal(0.5, endTree - startTree, 6);
    }

    [Fact]
    public void Machine_busy_fraction_leaves_out_idle_and_iowait()
    {
        var start = MachineCpu.Parse("cpu  100 0 100 700 100 0 0 0 0 0");
        var end = MachineCpu.Parse("cpu  250 0 150 800 200 0 0 0 0 0");

        // 200 busy of 400 ticks.
        Assert.Equal(0.5, MachineCpu.BusyBetween(start, end), 6);
    }

    private static ProcStat Stat(int pid, int parent, long user, long system, long childrenUser = 0, long childrenSystem = 0) =>
        new(pid, "p", 'S', parent, user, system, childrenUser, childrenSystem, 1);
}
