using System.Diagnostics;

namespace PushAuth.Testing;

/// <summary>
/// npm packages that tests run (never the product): installed once per machine into a cache folder of ours
/// (<c>~/.cache/pushauth/npm-{name}-{version}</c>, or under <c>PUSHAUTH_NPM_DIR</c>) with exact versions, a lock file
/// keeping parallel test processes from racing, as <see cref="AzuriteServer"/> installs Azurite.
/// </summary>
public static class NpmPackages
{
    /// <summary>Installs <paramref name="packages"/> (<c>name@version</c>, exact) once; returns the folder whose
    /// <c>node_modules</c> holds them (run node with it as the working directory or point NODE_PATH at it).</summary>
    public static async Task<string> InstallAsync(params string[] packages)
    {
        var name = string.Join('+', packages.Select(p => p.Replace('/', '_').Replace('@', '-'))).TrimStart('-');
        var root = Path.Combine(Environment.GetEnvironmentVariable("PUSHAUTH_NPM_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "pushauth"), "npm-" + name);
        var installed = Path.Combine(root, ".installed");
        if (File.Exists(installed))
        {
            return root;
        }
        Directory.CreateDirectory(root);
        await using (var installLock = await LockAsync(Path.Combine(root, ".lock")))
        {
            if (File.Exists(installed))
            {
                return root;
            }
            var npm = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (var argument in new[] { "install", "--prefix", root, "--no-audit", "--no-fund", "--save-exact", "--loglevel=error" }.Concat(packages))
            {
                npm.ArgumentList.Add(argument);
            }
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install {string.Join(' ', packages)} into {root} failed ({process.ExitCode}): {await stdout} {await stderr}");
            }
            await File.WriteAllTextAsync(installed, string.Join('\n', packages));
        }
        return root;
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
}
