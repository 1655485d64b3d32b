using System.Diagnostics;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>Redocly's linter (@redocly/cli, npm, installed by the test into its cache) with its recommended rules
/// (redocly.yaml at the repository root lists any rule turned off and why) reports no error on the document a real
/// silo serves, and no warning (issue 17 item 1).</summary>
public sealed class OpenApiLintTests(ITestOutputHelper output)
{
    public const string Package = "@redocly/cli@2.77.0";

    [Fact]
    public async Task OpenApi_ServedDocument_RedoclyRecommendedRules_NoErrors()
    {
        var modules = await NpmPackages.InstallAsync(Package);
        await using var s = await Scenario.SqliteAsync();
        var document = Path.Combine(Path.GetTempPath(), $"pushauth-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await s.Client(0, null).GetStringAsync("/openapi/v1.json"));
        var passed = false;
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = modules, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                Path.Combine(modules, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", document,
                "--config", Path.Combine(AppContext.BaseDirectory, "redocly.yaml"), "--format", "stylish",
            })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var redocly = Process.Start(start)!;
            var stdout = redocly.StandardOutput.ReadToEndAsync();
            var stderr = redocly.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await redocly.WaitForExitAsync(timeout.Token);
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);
            Assert.True(redocly.ExitCode == 0, $"redocly lint of {document} (kept for reading) failed ({redocly.ExitCode}):\n{await stdout}\n{await stderr}");
            // Warnings too (issue 17): the recommended rules' warnings are fixed, not tolerated.
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(await stdout + await stderr, @"\swarning\s{2,}\S"),
                $"redocly lint of {document} (kept for reading) warns:\n{await stdout}\n{await stderr}");
            passed = true;
        }
        finally
        {
            if (passed)
            {
                File.Delete(document);
            }
        }
    }
}
