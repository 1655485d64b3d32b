using System.Diagnostics;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// Every process a benchmark starts (silos, the load generator), killed when the benchmark ends: at dispose, on
/// failure (dispose runs from the <c>await using</c>), on Ctrl+C or SIGTERM (the token cancels, the stack unwinds to
/// dispose; a second signal or process exit kills directly). Output goes to a log file per process, not through this
/// process, so reading it costs the measured processes nothing.
/// </summary>
public sealed class ChildProcesses : IDisposable
{
    private static readonly List<ChildProcesses> Live = [];
    private readonly List<Process> _processes = [];

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();
    }

    public ChildProcesses(string logDirectory)
    {
        LogDirectory = logDirectory;
        Directory.CreateDirectory(logDirectory);
        lock (Live)
        {
            Live.Add(this);
        }
    }

    public string LogDirectory { get; }

    /// <summary>Starts <paramref name="file"/> with its output (stdout and stderr) appended to <c>{name}.log</c>.
    /// The shell only sets up the redirection and then becomes the program (<c>exec</c>), so the pid is the program's.</summary>
    public Process Start(string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool redirectStandardIo = false)
    {
        var log = Path.Combine(LogDirectory, name + ".log");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = LogDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(redirectStandardIo ? "exec \"$0\" \"$@\" 2>>\"$PUSHAUTH_BENCH_LOG\"" : "exec \"$0\" \"$@\" >>\"$PUSHAUTH_BENCH_LOG\" 2>&1");
        start.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PUSHAUTH_BENCH_LOG"] = log;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        start.RedirectStandardInput = redirectStandardIo;
        start.RedirectStandardOutput = redirectStandardIo;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        lock (_processes)
        {
            _processes.Add(process);
        }
        return process;
    }

    /// <summary>The last lines of a process's log, for an error message.</summary>
    public string Tail(string name, int lines = 20)
    {
        var log = Path.Combine(LogDirectory, name + ".log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(lines)) : "(no log)";
    }

    /// <summary>Asks a process to stop as an operator would (SIGTERM: the silo shuts down gracefully), then kills it
    /// if it is still there after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            term?.WaitForExit();
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillNow(process);
        }
    }

    public void Dispose()
    {
        KillAll();
        lock (Live)
        {
            Live.Remove(this);
        }
    }

    private void KillAll()
    {
        lock (_processes)
        {
            foreach (var process in _processes)
            {
                KillNow(process);
                process.Dispose();
            }
            _processes.Clear();
        }
    }

    private static void KillAllLive()
    {
        lock (Live)
        {
            foreach (var children in Live.ToList())
            {
                children.KillAll();
            }
        }
    }

    private static void KillNow(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }
}
