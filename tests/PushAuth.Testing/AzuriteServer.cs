using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PushAuth.Testing;

/// <summary>
/// A private Azurite (the Azure Storage emulator) for tests: npm package <c>azurite@3.37.0</c>, installed once into a
/// cache folder of ours (<c>~/.cache/pushauth/azurite-3.37.0</c>, or <c>PUSHAUTH_AZURITE_DIR</c>), started on free
/// loopback ports with its data in a temporary directory, stopped and removed when the test process ends, however it
/// ends: node runs under a small shell that watches the test process and kills node (and removes the data) once it is
/// gone, since a test host killed by vstest or SIGKILL runs no ProcessExit handler.
/// One server per test process; tests isolate themselves with table names of their own.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string Version = "3.37.0";

    // The emulator's well-known development account (public, documented by Microsoft).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // $1 = the owner's pid, $2 = the data directory, the rest = the server's command line. A background subshell polls
    // the owner; the shell itself waits for node, so it exits only after node did (HasExited means the server is gone).
    private const string WatchScript = """
        owner=$1; data=$2; shift 2
        "$@" &
        server=$!
        ( while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done; kill -KILL "$server" 2>/dev/null ) &
        watcher=$!
        wait "$server"; status=$?
        kill "$watcher" 2>/dev/null
        kill -0 "$owner" 2>/dev/null || rm -rf "$data"
        exit $status
        """;

    private static readonly Lazy<Task<AzuriteServer>> SharedServer = new(() => StartOwnedByAsync(Environment.ProcessId));
    private readonly Process _process;
    private readonly string _dataDirectory;

    private AzuriteServer(Process process, string dataDirectory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<AzuriteServer> SharedAsync() => SharedServer.Value;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The data directory (removed when the server stops).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>True while the server runs: its watcher shell exits only after node did.</summary>
    public bool IsRunning => !_process.HasExited;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>Starts a server of its own that stops when the process <paramref name="ownerProcessId"/> ends (the shared
    /// server's owner is this test process; the lifetime tests give it a process they kill).</summary>
    public static async Task<AzuriteServer> StartOwnedByAsync(int ownerProcessId)
    {
        var entryPoint = await InstallAsync();
        var data = Path.Combine(Path.GetTempPath(), $"pushauth-azurite-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        foreach (var argument in new[]
                 {
                     "-c", WatchScript, "azurite-watch", $"{ownerProcessId}", data, "node", entryPoint, "--silent", "--location", data, "--loose", "--skipApiVersionCheck",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start sh and node for Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, data, blob, queue, table);
        if (ownerProcessId == Environment.ProcessId)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        }

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await LoopbackPort.AnswersAsync(port))
            {
                if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
                {
                    server.Stop();
                    string log;
                    lock (output)
                    {
                        log = output.ToString();
                    }
                    throw new InvalidOperationException($"Azurite did not start listening on 127.0.0.1:{port}: {log}");
                }
                await Task.Delay(100);
            }
        }
        return server;
    }

    // npm install into our cache folder, once per machine; a lock file keeps parallel test processes from racing.
    private static async Task<string> InstallAsync()
    {
        var root = Environment.GetEnvironmentVariable("PUSHAUTH_AZURITE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "pushauth", $"azurite-{Version}");
        var entryPoint = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        var installed = Path.Combine(root, ".installed");
        if (File.Exists(installed) && File.Exists(entryPoint))
        {
            return entryPoint;
        }
        Directory.CreateDirectory(root);
        await using var installLock = await LockAsync(Path.Combine(root, ".lock"));
        if (File.Exists(installed) && File.Exists(entryPoint))
        {
            return entryPoint;
        }
        var npm = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { "install", "--prefix", root, "--no-audit", "--no-fund", "--loglevel=error", $"azurite@{Version}" })
        {
            npm.ArgumentList.Add(argument);
        }
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm (needed to install Azurite).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(entryPoint))
        {
            throw new InvalidOperationException($"npm install azurite@{Version} into {root} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
        await File.WriteAllTextAsync(installed, Version);
        return entryPoint;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 300;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Already removed (by the watcher) or still in use: the temporary directory is not worth failing for.
        }
    }
}
