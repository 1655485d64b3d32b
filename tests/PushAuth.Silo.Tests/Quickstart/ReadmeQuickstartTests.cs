using System.Diagnostics;
using System.Text;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Quickstart;

/// <summary>
/// README.md's quickstart as written (issue 12 item 21): the two marked blocks, the silo and the simulator as real
/// processes (<c>dotnet</c> of their built dlls in place of <c>dotnet run --project …</c>), bash and curl. Only what a
/// second copy on a shared machine needs changes: the port (the launch profile's 5080 becomes a free one), the
/// silo-to-silo port, and HOME (so the documented data folder is a private one, and is checked).
/// </summary>
public sealed class ReadmeQuickstartTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(80);

    /// <summary>The lines of the ```sh block after the marker <c>&lt;!-- {name}</c>.</summary>
    public static IReadOnlyList<string> Block(string readme, string name)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var marker = Array.FindIndex(lines, l => l.StartsWith("<!-- " + name, StringComparison.Ordinal));
        Assert.True(marker >= 0, $"README.md has no '<!-- {name}' marker");
        var open = Array.FindIndex(lines, marker, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return lines[(open + 1)..close];
    }

    [Fact]
    public async Task Quickstart_AsWritten_PairsThePhoneAndApprovesTheSignIn()
    {
        // The quickstart's own tools, installed on a fresh machine as a newcomer would.
        await PushAuth.Testing.DebianPackages.EnsureAsync("/usr/bin/curl", "curl");
        await PushAuth.Testing.DebianPackages.EnsureAsync("/usr/bin/jq", "jq");
        var readme = await File.ReadAllTextAsync(RepositoryFiles.Path("README.md"));
        var port = SiloTestHost.FreePort();
        var url = $"http://localhost:{port}";
        var siloDll = RepositoryFiles.Dll("PushAuth.Silo");
        var simDll = RepositoryFiles.Dll("PushAuth.DeviceSimulator");
        string AsBuilt(string line) => line
            .Replace("dotnet run --project src/PushAuth.Silo --", $"dotnet {siloDll}", StringComparison.Ordinal)
            .Replace("dotnet run --project src/PushAuth.Silo", $"dotnet {siloDll}", StringComparison.Ordinal)
            .Replace("dotnet run --project src/PushAuth.DeviceSimulator --", $"dotnet {simDll}", StringComparison.Ordinal)
            .Replace("http://localhost:5080", url, StringComparison.Ordinal);
        var siloBlock = Block(readme, "quickstart:silo").Select(AsBuilt).ToList();
        var steps = Block(readme, "quickstart:steps").Select(AsBuilt).ToList();
        Assert.DoesNotContain(siloBlock.Concat(steps), l => l.Contains("dotnet run", StringComparison.Ordinal));
        var serve = siloBlock[^1];
        Assert.Equal($"dotnet {siloDll}", serve.Trim());

        var root = Path.Combine(Path.GetTempPath(), "pushauth-readme-" + Guid.NewGuid().ToString("N"));
        var work = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = null,
            // What `dotnet run` takes from src/PushAuth.Silo/Properties/launchSettings.json, on this test's port.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = url,
            ["PushAuth__Silo__SiloPort"] = SiloTestHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The simulator's default is the silo's 5080; this copy of the silo listens elsewhere.
            ["PUSHAUTH_SERVER"] = url,
            ["DOTNET_NOLOGO"] = "1",
        };
        using var budget = new CancellationTokenSource(Budget);

        var bootstrap = await BashAsync(string.Join('\n', siloBlock[..^1]), work, environment, budget.Token);
        Assert.True(bootstrap.Exit == 0, bootstrap.Output);
        Assert.Contains("LoginService", bootstrap.Output, StringComparison.Ordinal);

        using var silo = Start(new ProcessStartInfo("bash", ["-c", "exec " + serve]), work, environment);
        var siloOutput = new StringBuilder();
        silo.OutputDataReceived += (_, e) => { lock (siloOutput) { siloOutput.AppendLine(e.Data); } };
        silo.ErrorDataReceived += (_, e) => { lock (siloOutput) { siloOutput.AppendLine(e.Data); } };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            var run = await BashAsync(string.Join('\n', steps), work, environment, budget.Token);

            string Silo() { lock (siloOutput) { return siloOutput.ToString(); } }
            Assert.True(run.Exit == 0, $"the quickstart failed:\n{run.Output}\n--- silo ---\n{Silo()}");
            Assert.Contains("paired: account 'alice'", run.Output, StringComparison.Ordinal);
            Assert.Equal("Approved", run.Output.TrimEnd().Split('\n')[^1].Trim());
            Assert.True(File.Exists(Path.Combine(home, ".local", "share", "pushauth", "pushauth.db")), "the data is where the README says");
            Assert.True(File.Exists(Path.Combine(work, ".pushauth-device.key")));
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process Start(ProcessStartInfo info, string workingDirectory, Dictionary<string, string?> environment)
    {
        info.WorkingDirectory = workingDirectory;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        return Process.Start(info)!;
    }

    /// <summary>Runs <paramref name="script"/> with bash, stopping at the first failing command; stdout and stderr together.</summary>
    private static async Task<(int Exit, string Output)> BashAsync(string script, string workingDirectory, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        using var bash = Start(new ProcessStartInfo("bash", ["-c", "set -euo pipefail\n" + script]), workingDirectory, environment);
        var output = new StringBuilder();
        bash.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        bash.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        bash.BeginOutputReadLine();
        bash.BeginErrorReadLine();
        try
        {
            await bash.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            lock (output)
            {
                Assert.Fail($"the quickstart took over {Budget.TotalSeconds} s:\n{output}");
            }
        }
        bash.WaitForExit();
        lock (output)
        {
            return (bash.ExitCode, output.ToString());
        }
    }
}
