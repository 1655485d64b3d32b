using System.Reflection;
using System.Text.RegularExpressions;

namespace PushAuth.Diagnostics.Tests;

/// <summary>Every log event id lives in <see cref="LogEvents"/>, once.</summary>
public sealed partial class LogEventsTests
{
    [Fact]
    public void LogEvents_NoIdUsedTwice()
    {
        var ids = typeof(LogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (Name: f.Name, Id: (int)f.GetRawConstantValue()!)).ToList();

        Assert.True(ids.Count > 50, $"{ids.Count} ids");
        Assert.Empty(ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.Name))}"));
    }

    [Fact]
    public void Sources_EveryLoggerMessageTakesItsIdFromLogEvents()
    {
        var offending = Directory.EnumerateFiles(Path.Combine(DeployFolder.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(DeployFolder.RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LoggerEventId().Matches(File.ReadAllText(f)).Where(m => !m.Groups["id"].Value.StartsWith("LogEvents.", StringComparison.Ordinal))
                .Select(m => $"{Path.GetRelativePath(DeployFolder.RepositoryRoot, f)}: EventId = {m.Groups["id"].Value}"))
            .ToList();

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"LoggerMessage\([^)]*EventId\s*=\s*(?<id>[A-Za-z0-9_.]+)")]
    private static partial Regex LoggerEventId();
}
