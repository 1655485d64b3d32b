using System.Reflection;
using System.Text.RegularExpressions;
using PushAuth.Diagnostics;

namespace PushAuth.Diagnostics.Tests;

/// <summary>An instrument nothing records is an empty dashboard panel and an alert that cannot fire: every recording
/// helper of <see cref="PushAuthDiagnostics"/> has a caller under src/ outside the diagnostics project itself.</summary>
public sealed class InstrumentUseTests
{
    [Fact]
    public void EveryRecordingHelper_IsCalledFromTheSilosCode()
    {
        var helpers = typeof(PushAuthDiagnostics).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("Record", StringComparison.Ordinal) || m.Name.StartsWith("Begin", StringComparison.Ordinal))
            .Select(m => m.Name)
            .Distinct()
            .ToList();
        var code = string.Join('\n', Directory.EnumerateFiles(Path.Combine(DeployFolder.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/PushAuth.Diagnostics/", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        Assert.NotEmpty(helpers);
        Assert.All(helpers, helper => Assert.True(Regex.IsMatch(code, $@"\b{helper}\("), $"{helper} is never called: its instrument stays empty"));
    }

    [Fact]
    public void Alerts_StorageWriteErrors_AreCovered()
    {
        var rules = DeployFolder.List(DeployFolder.LoadYaml(DeployFolder.File("alerts.yml")), "groups").Cast<Dictionary<object, object>>()
            .SelectMany(g => DeployFolder.List(g, "rules").Cast<Dictionary<object, object>>()).ToList();

        Assert.Contains(rules, r => DeployFolder.Scalar(r, "expr")!.Contains("orleans_storage_write_errors_total", StringComparison.Ordinal)
            && DeployFolder.Scalar(r, "labels", "severity") == "page");
    }
}
