using System.Collections.Frozen;

namespace PushAuth.Samples.LoginPage;

/// <summary>The page, its script and its style sheet, embedded in the assembly.</summary>
internal static class LoginAssets
{
    /// <summary>No inline script or style, nothing from another origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static (byte[] Content, string ContentType)? Find(string name) => Files.TryGetValue(name, out var file) ? file : null;

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(LoginAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("index.html", "text/html; charset=utf-8"), ("login.js", "text/javascript; charset=utf-8"), ("login.css", "text/css; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("PushAuth.Samples.LoginPage." + name)
                ?? throw new InvalidOperationException($"The page asset {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
