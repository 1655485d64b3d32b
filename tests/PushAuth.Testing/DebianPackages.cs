using System.Diagnostics;

namespace PushAuth.Testing;

/// <summary>
/// Installs a Debian package a test needs (chromium, curl, jq) when its program is missing, so that
/// <c>dotnet test Orleans.PushAuth.sln</c> alone works on a fresh machine. Runs apt-get once per package, under a file
/// lock shared by the test assemblies that run in parallel (dpkg allows one installer at a time).
/// </summary>
public static class DebianPackages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Ensures <paramref name="program"/> exists, installing <paramref name="package"/> if it does not and we
    /// may (root, apt-get present); otherwise leaves it to the caller's own clear error.</summary>
    public static async Task EnsureAsync(string program, string package, CancellationToken cancellationToken = default)
    {
        if (File.Exists(program) || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            return;
        }
        await Gate.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await LockAsync(cancellationToken);
            if (File.Exists(program))
            {
                return;
            }
            await RunAsync("apt-get", ["update", "-qq"], cancellationToken);
            await RunAsync("apt-get", ["install", "-y", "-qq", package], cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "pushauth-apt.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
