using System.Diagnostics;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>The built PushAuth.Silo.dll run by <c>dotnet</c> as a process of its own, so a test can kill it with SIGKILL
/// (no shutdown hooks, no leaving the cluster) as the kernel's OOM killer or a node loss would.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<SiloProcess> StartAsync(IDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PushAuth.Silo.dll");
        var port = Infrastructure.SiloTestHost.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing",
                     $"--PushAuth:Silo:SiloPort={Infrastructure.SiloTestHost.FreePort()}", "--PushAuth:Silo:AdvertisedAddress=127.0.0.1", "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(a);
        }
        var production = Infrastructure.TestKeys.Settings.Append(KeyValuePair.Create("PushAuth:Silo:PublicUrl", $"http://127.0.0.1:{port}"))
            .Append(KeyValuePair.Create("PushAuth:History:CheckpointDirectory",
                Infrastructure.TestKeys.CheckpointDirectory(settings.TryGetValue("PushAuth:Storage:ConnectionString", out var connection) ? connection
                    : settings.TryGetValue("PushAuth:Storage:DataDirectory", out var data) ? data : "")));
        foreach (var (key, value) in production.Where(k => !settings.ContainsKey(k.Key)).Concat(settings))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // Drained so a chatty silo never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await silo.DisposeAsync();
        throw new TimeoutException($"The silo process did not become ready (exited: {process.HasExited}).");
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster or flush anything.</summary>
    public void Kill()
    {
        using var kill = Process.Start("kill", ["-9", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
