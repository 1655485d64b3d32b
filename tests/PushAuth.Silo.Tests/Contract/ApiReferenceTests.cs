using System.Net;
using System.Text.RegularExpressions;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>The API reference page (issue 17): served by the silo at /reference over its own OpenAPI document, and
/// everything it loads comes from the silo: no script, style, font or document from a CDN.</summary>
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task ApiReference_IsServed_AndLoadsNothingFromElsewhere()
    {
        await using var s = await Scenario.SqliteAsync();
        var client = s.Client(0, null);

        using var page = await client.GetAsync("/reference");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();

        // Every URL the page names: src and href attributes, and the configuration's URLs (the document, the bundle).
        var references = Attribute().Matches(html).Select(m => m.Groups["url"].Value)
            .Concat(QuotedUrl().Matches(html).Select(m => m.Groups["url"].Value))
            .Where(u => u.Length > 0 && !u.StartsWith('#') && !u.StartsWith("data:", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var origin = new Uri(client.BaseAddress!, "/reference/");
        var external = references.Where(u => new Uri(origin, u).Authority != client.BaseAddress!.Authority || u.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.True(external.Count == 0, $"the page loads from elsewhere: {string.Join(", ", external)}\n{html}");

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(scripts);
        var styles = StyleSheet().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        foreach (var asset in scripts.Concat(styles))
        {
            using var response = await client.GetAsync(new Uri(origin, asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} (from the page) answered {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{asset} is empty");
        }
        // The document the page shows is this silo's (Scalar resolves it against the application's base path).
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        using var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?<url>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex("""["'](?<url>(?:https?:)?//[^"'\s]+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedUrl();

    [GeneratedRegex("""<script[^>]*\bsrc\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    [GeneratedRegex("""<link[^>]*\brel\s*=\s*["']stylesheet["'][^>]*\bhref\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleSheet();
}
