using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// The silo as it ships: <c>dotnet publish -c Release</c> of src/PushAuth.Silo (Server GC, from the Web SDK, as in its
/// runtimeconfig.json and the container image), started with <c>dotnet PushAuth.Silo.dll</c> as its own process on
/// loopback ports, configured by command-line arguments only, logging as appsettings.json says into its log file.
/// The one difference from the image: the image sets <c>DOTNET_EnableDiagnostics=0</c>; here the diagnostics port
/// stays on so the benchmark can read the silo's meters over EventPipe.
/// </summary>
public sealed class PublishedSilo
{
    private PublishedSilo(Process process, string name, Uri address)
    {
        Process = process;
        Name = name;
        Address = address;
    }

    public Process Process { get; }

    public string Name { get; }

    public Uri Address { get; }

    public int Pid => Process.Id;

    /// <summary>Publishes the silo into <paramref name="output"/> (incremental: a second run only copies what changed).</summary>
    public static async Task<string> PublishAsync(string repositoryRoot, string output, TextWriter log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(repositoryRoot, "src", "PushAuth.Silo", "PushAuth.Silo.csproj"), "-c", "Release", "-o", output,
            "-p:UseAppHost=false", "-nologo", "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the silo failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
        var dll = Path.Combine(output, "PushAuth.Silo.dll");
        await log.WriteLineAsync($"published the silo (Release) to {output} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s; GC: {GcMode(output)}");
        return dll;
    }

    /// <summary>What the published runtimeconfig.json says about the GC.</summary>
    public static string GcMode(string publishDirectory)
    {
        var config = Path.Combine(publishDirectory, "PushAuth.Silo.runtimeconfig.json");
        if (!File.Exists(config))
        {
            return "unknown";
        }
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        var server = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var props)
            && props.TryGetProperty("System.GC.Server", out var value) && value.GetBoolean();
        return server ? "Server GC (System.GC.Server=true in runtimeconfig.json)" : "Workstation GC";
    }


    /// <summary>The silo's configuration arguments for one benchmark silo.</summary>
    public static List<string> Arguments(int httpPort, int siloPort, IReadOnlyDictionary<string, string> settings)
    {
        var args = new List<string>
        {
            "--urls", $"http://127.0.0.1:{httpPort}",
            $"--PushAuth:Silo:SiloPort={siloPort}",
            "--PushAuth:Silo:AdvertisedAddress=127.0.0.1",
            // Every simulated phone registers from loopback.
            "--PushAuth:Devices:RegistrationsPerMinutePerAddress=10000000",
            // Production's rules: the public URL and every key from configuration (made for this run, equal on every silo).
            $"--PushAuth:Silo:PublicUrl=http://127.0.0.1:{httpPort}",
        };
        args.AddRange(BenchKeys.Arguments);
        args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));
        return args;
    }

    /// <summary>Starts a silo process and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<PublishedSilo> StartAsync(ChildProcesses children, string siloDll, string name, IReadOnlyDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        var port = FreePort();
        var process = children.Start(name, "dotnet", [siloDll, .. Arguments(port, FreePort(), settings)]);
        var silo = new PublishedSilo(process, name, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"silo {name} exited with {process.ExitCode} while starting:\n{children.Tail(name)}");
            }
            try
            {
                using var ready = await http.GetAsync("/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"silo {name} was not ready within 120 s:\n{children.Tail(name)}");
    }

    /// <summary>Runs the published silo's <c>bootstrap-tenant</c> command (before the silos start: on SQLite it
    /// opens the database itself) and returns the Admin and LoginService keys it prints.</summary>
    public static async Task<(string Admin, string Login)> BootstrapTenantAsync(string siloDll, string tenant, IReadOnlyDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[siloDll, "bootstrap-tenant", "--tenant", tenant, "--name", tenant, .. Arguments(FreePort(), FreePort(), settings)])
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bootstrap-tenant");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await stdout;
        string? Key(string role) => text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length == 2 && f[0] == role)?[1];
        return process.ExitCode == 0 && Key("Admin") is { } admin && Key("LoginService") is { } login
            ? (admin, login)
            : throw new InvalidOperationException($"bootstrap-tenant exited with {process.ExitCode}: {text} {await stderr}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository root (the folder with Orleans.PushAuth.sln) above this binary.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.PushAuth.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Orleans.PushAuth.sln not found above " + AppContext.BaseDirectory);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Pid}, {Address})");
}
