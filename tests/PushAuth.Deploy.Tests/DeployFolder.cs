using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PushAuth.Deploy.Tests;

/// <summary>Finds and loads files of the repository's deploy/ folder.</summary>
internal static class DeployFolder
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Path => System.IO.Path.Combine(RepositoryRoot, "deploy");

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public static IEnumerable<string> Files(params string[] extensions) =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>All YAML documents of a file, with anchors and merge keys (&lt;&lt;) resolved.</summary>
    public static IReadOnlyList<object?> LoadYamlDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<object?>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (!parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
        {
            documents.Add(deserializer.Deserialize<object?>(parser));
        }

        return documents;
    }

    public static Dictionary<object, object> LoadYaml(string path) =>
        Assert.IsType<Dictionary<object, object>>(Assert.Single(LoadYamlDocuments(path)));

    public static Dictionary<object, object> Map(object? node, string key) =>
        Assert.IsType<Dictionary<object, object>>(Assert.IsType<Dictionary<object, object>>(node)[key]);

    public static List<object> List(object? node, string key) =>
        Assert.IsType<List<object>>(Assert.IsType<Dictionary<object, object>>(node)[key]);

    public static string? Scalar(object? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not Dictionary<object, object> map || !map.TryGetValue(key, out current))
            {
                return null;
            }
        }

        return current as string;
    }

    /// <summary>Every rule of every group in deploy/alerts.yml.</summary>
    public static IEnumerable<Dictionary<object, object>> AlertRules() =>
        List(LoadYaml(File("alerts.yml")), "groups")
            .SelectMany(g => List(g, "rules"))
            .Cast<Dictionary<object, object>>();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Orleans.PushAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.PushAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
