using System.Collections.Frozen;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The console's page, script and style sheet, embedded in the silo's assembly (nothing from a CDN).</summary>
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
        foreach (var (name, type) in new[] { ("index.html", "text/html; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8"), ("console.css", "text/css; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("PushAuth.Silo.Console." + name)
                ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
