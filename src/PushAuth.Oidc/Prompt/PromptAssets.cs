using System.Reflection;
using System.Text;

namespace PushAuth.Oidc.Prompt;

/// <summary>The prompt's HTML template, script and stylesheet, read once from the assembly.</summary>
internal static class PromptAssets
{
    private static readonly Lazy<string> HtmlTemplate = new(() => Encoding.UTF8.GetString(Read("prompt.html")));

    public static string Template => HtmlTemplate.Value;

    public static readonly Lazy<byte[]> Script = new(() => Read("prompt.js"));

    public static readonly Lazy<byte[]> Stylesheet = new(() => Read("prompt.css"));

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PushAuth.Oidc.Prompt." + name)
            ?? throw new InvalidOperationException($"The prompt asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
