using System.Collections.Frozen;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The console's page, its ES modules and style sheet, embedded in the silo's assembly (nothing from a CDN):
/// every <c>Console/*.html|js|css</c> file, by its file name.</summary>
internal static class ConsoleAssets
{
    /// <summary>No inline script or style anywhere; images only from the QR data URIs the API returns.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static (byte[] Content, string ContentType)? Find(string name) => Files.TryGetValue(name, out var file) ? file : null;

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        const string prefix = "PushAuth.Silo.Console.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => throw new InvalidOperationException($"The console asset {name} has no known content type."),
            };
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }
        if (!files.ContainsKey("index.html") || !files.ContainsKey("console.js"))
        {
            throw new InvalidOperationException("The console's index.html and console.js are not embedded.");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
