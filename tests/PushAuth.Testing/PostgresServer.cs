using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PushAuth.Testing;

/// <summary>
/// A private PostgreSQL server for tests: initdb into a temporary directory, started on a free loopback port
/// (as the postgres user when running as root, since initdb refuses root), removed when the test process ends, however
/// it ends: pg_ctl daemonizes the server, so a detached watcher shell polls the test process and stops the server and
/// removes its data once it is gone (a test host killed by vstest or SIGKILL runs no ProcessExit handler).
/// One server per test process; every test takes a fresh database from it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    // $1 = the owner's pid, $2 = the data directory, the rest = the pg_ctl command (through runuser when root). The
    // subshell is put in the background and its parent exits at once: reparented, it outlives a kill of the test
    // host's process tree. It stops when the data directory is gone (the server was disposed).
    private const string WatchScript = """
        (
          owner=$1; data=$2; shift 2
          while kill -0 "$owner" 2>/dev/null && [ -d "$data" ]; do sleep 0.5; done
          if [ -d "$data" ]; then "$@" -D "$data" -m immediate -w stop; rm -rf "$data"; fi
        ) </dev/null >/dev/null 2>&1 &
        """;

    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(() => StartAsync(durable: false, Environment.ProcessId));
    private static int _databaseCounter;
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;
    private readonly string _options;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool asPostgresUser, string options)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
        _options = options;
    }

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public int Port { get; }

    /// <summary>The data directory (removed when the server stops).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Connection string of the maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>Directory with the server binaries (pg_ctl, pgbench's server side, …).</summary>
    public string BinDirectory => _binDirectory;

    /// <summary>Connection string of a database on this server.</summary>
    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Maximum Pool Size=100";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=30;Maximum Pool Size=50";
    }

    /// <summary>Starts a server of its own (not the shared one). <paramref name="durable"/> keeps fsync and synchronous
    /// commit on, as production would; tests turn them off for speed.</summary>
    public static Task<PostgresServer> StartDedicatedAsync(bool durable) => StartAsync(durable, Environment.ProcessId);

    /// <summary>Starts a server of its own that stops when the process <paramref name="ownerProcessId"/> ends (the
    /// lifetime tests give it a process they kill).</summary>
    public static Task<PostgresServer> StartOwnedByAsync(int ownerProcessId) => StartAsync(durable: false, ownerProcessId);

    private static async Task<PostgresServer> StartAsync(bool durable, int ownerProcessId)
    {
        var bin = FindBinDirectory();
        var asPostgres = Environment.UserName == "root";
        var data = Path.Combine(Path.GetTempPath(), $"pushauth-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", data], asUser: null);
        }
        // Watching from before initdb: a test host killed while the server starts leaves nothing behind either.
        string[] stop = asPostgres ? ["runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl")] : [Path.Combine(bin, "pg_ctl")];
        await RunAsync("sh", ["-c", WatchScript, "postgres-watch", $"{ownerProcessId}", data, .. stop], asUser: null);
        var port = FreePort();
        var user = asPostgres ? "postgres" : null;
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"], user);
        var speed = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var options = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{data}' -c max_connections=300 -c shared_buffers=256MB{speed}";
        var server = new PostgresServer(bin, data, port, asPostgres, options);
        await server.StartServerAsync();
        if (ownerProcessId == Environment.ProcessId)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        }
        return server;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Stops the server as an operator would before a restart (<c>pg_ctl stop -m fast</c>: open sessions are
    /// terminated, the data stays). Only for a dedicated server: the shared one serves other tests.</summary>
    public Task StopServerAsync() =>
        RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], _asPostgresUser ? "postgres" : null);

    /// <summary>Starts the server (again) on the same port and data directory.</summary>
    public Task StartServerAsync() =>
        RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-o", _options, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "start"],
            _asPostgresUser ? "postgres" : null);

    private async Task StopAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _asPostgresUser ? "postgres" : null);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
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

    private static string FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("PUSHAUTH_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }
        const string root = "/usr/lib/postgresql";
        var candidate = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return candidate ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql) or set PUSHAUTH_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, string? asUser)
    {
        var start = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout} {await stderr}");
        }
    }
}
