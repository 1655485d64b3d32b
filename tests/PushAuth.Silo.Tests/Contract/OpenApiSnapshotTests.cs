using System.Text.Json;
using System.Text.Json.Nodes;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Silo.Tests.Quickstart;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>openapi/v1.json at the repository root is the document a real silo serves (issue 17): the generated client
/// of tests/PushAuth.Contract.Tests is built from that file, so it must not drift from the code.</summary>
public sealed class OpenApiSnapshotTests
{
    /// <summary>Set to 1 to write the served document over the snapshot instead of comparing.</summary>
    public const string RegenerateVariable = "PUSHAUTH_REGENERATE_OPENAPI";

    public const string RegenerateCommand = RegenerateVariable + "=1 dotnet test tests/PushAuth.Silo.Tests --filter FullyQualifiedName~OpenApiSnapshotTests";

    [Fact]
    public async Task OpenApi_CommittedSnapshot_IsTheServedDocument()
    {
        await using var s = await Scenario.SqliteAsync();
        var served = JsonNode.Parse(await s.Client(0, null).GetStringAsync("/openapi/v1.json"))!.AsObject();
        var path = RepositoryFiles.Path("openapi", "v1.json");
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
            return;
        }
        Assert.True(File.Exists(path), $"openapi/v1.json is missing; write it with: {RegenerateCommand}");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.True(JsonNode.DeepEquals(served, committed),
            $"openapi/v1.json differs from the served document ({FirstDifference(committed, served, "$")}); regenerate it with: {RegenerateCommand}");
    }

    /// <summary>Where the two first differ, as a JSON path, so a failure says what changed.</summary>
    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string at)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        return $"{at}.{name} {(e.ContainsKey(name) ? "removed" : "added")}";
                    }
                    if (!JsonNode.DeepEquals(e[name], a[name]))
                    {
                        return FirstDifference(e[name], a[name], $"{at}.{name}");
                    }
                }
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    if (!JsonNode.DeepEquals(e[i], a[i]))
                    {
                        return FirstDifference(e[i], a[i], $"{at}[{i}]");
                    }
                }
                break;
        }
        return $"{at} changed";
    }
}
