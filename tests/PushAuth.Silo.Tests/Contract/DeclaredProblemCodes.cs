using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>
/// Issue 17 item 2, checked rather than hoped: records every problem+json answer real requests got, as (operation =
/// method and route template, status, code), and lists those the served document does not declare. Declared means the
/// operation's response for that very status lists the code in its <c>x-problem-codes</c>, or the pattern of the code's
/// family (<c>{field}.invalid</c>); the catch-all <c>default</c> response does not count.
/// </summary>
internal sealed class DeclaredProblemCodes(JsonObject document)
{
    /// <summary>Answers the framework gives when no operation matched the request (no route, a method the route does not
    /// take, headers too large to route): they belong to no operation, so no operation declares them.</summary>
    private static readonly HashSet<string> Unrouted = new(StringComparer.Ordinal)
    {
        ProblemCodes.Requests.RouteNotFound.Code, ProblemCodes.Requests.MethodNotAllowed.Code, ProblemCodes.Requests.HeadersTooLarge.Code,
    };

    private readonly ConcurrentDictionary<(string Method, string Template, int Status, string Code), string> answered = new();

    /// <summary>Remembers one answer; <paramref name="request"/> (the first request that got it) goes in the failure message.</summary>
    public void Record(string method, string template, int status, string code, string request)
    {
        if (!Unrouted.Contains(code))
        {
            answered.TryAdd((method, template, status, code), request);
        }
    }

    /// <summary>How many distinct (operation, status, code) answers were recorded.</summary>
    public int Count => answered.Count;

    /// <summary>The answers the document does not declare, grouped by the operation's tag (the endpoint file's area);
    /// empty when every answered code is declared.</summary>
    public string Undeclared()
    {
        var missing = answered
            .Where(a => !IsDeclared(a.Key.Method, a.Key.Template, a.Key.Status, a.Key.Code))
            .Select(a => (Tag: Tag(a.Key.Method, a.Key.Template), a.Key, Request: a.Value))
            .OrderBy(m => m.Tag, StringComparer.Ordinal).ThenBy(m => m.Key.Template, StringComparer.Ordinal).ThenBy(m => m.Key.Method, StringComparer.Ordinal)
            .ThenBy(m => m.Key.Status).ThenBy(m => m.Key.Code, StringComparer.Ordinal)
            .ToList();
        var report = new StringBuilder();
        foreach (var group in missing.GroupBy(m => m.Tag))
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{group.Key}:");
            foreach (var (_, key, request) in group)
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {key.Method} {key.Template} {key.Status} {key.Code}   (e.g. {request})");
            }
        }
        return report.ToString();
    }

    private bool IsDeclared(string method, string template, int status, string code)
    {
        var response = Operation(method, template)?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return response?["x-problem-codes"] is JsonArray codes
            && codes.Any(c => c?["code"]?.GetValue<string>() is { } declared && Matches(declared, code));
    }

    /// <summary>A code, or a family's pattern whose one placeholder (<c>{field}</c>, <c>{status}</c>) stands for a non-empty value.</summary>
    private static bool Matches(string declared, string code)
    {
        var start = declared.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Equals(declared, code, StringComparison.Ordinal);
        }
        var prefix = declared[..start];
        var suffix = declared[(declared.IndexOf('}', start) + 1)..];
        return code.Length > prefix.Length + suffix.Length
            && code.StartsWith(prefix, StringComparison.Ordinal) && code.EndsWith(suffix, StringComparison.Ordinal);
    }

    private JsonNode? Operation(string method, string template) => document["paths"]?[template]?[method.ToLowerInvariant()];

    private string Tag(string method, string template) =>
        Operation(method, template)?["tags"]?.AsArray().FirstOrDefault()?.GetValue<string>() ?? "(untagged)";
}
