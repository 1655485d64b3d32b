using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PushAuth.Testing;

/// <summary>
/// A private PostgreSQL server for tests: initdb into a temporary directory, started on a free loopback port
/// (as the postgres user when running as root, since initdb refuses root), removed when the test process ends.
/// One server per test process; every test takes a fresh database from it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);
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
    public static Task<PostgresServer> StartDedicatedAsync(bool durable) => StartAsync(durable);

    private static Task<PostgresServer> StartAsync() => StartAsync(durable: false);

    private static async Task<PostgresServer> StartAsync(bool durable)
    {
        var bin = FindBinDirectory();
        var asPostgres = Environment.UserName == "root";
        var data = Path.Combine(Path.GetTempPath(), $"pushauth-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", data], asUser: null);
        }
        var port = FreePort();
        var user = asPostgres ? "postgres" : null;
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"], user);
        var speed = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var options = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{data}' -c max_connections=300 -c shared_buffers=256MB{speed}";
        var server = new PostgresServer(bin, data, port, asPostgres, options);
        await server.StartServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
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
