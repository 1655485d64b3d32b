using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>Checks JSON against the schemas of a served OpenAPI 3.1 document, with JsonSchema.Net (JSON Schema 2020-12,
/// the dialect OpenAPI 3.1 uses). The document's components become the schema's <c>$defs</c>, so its references resolve.</summary>
public sealed class ResponseSchemas(JsonObject document)
{
    private const string Components = "#/components/schemas/";

    private readonly string _definitions = (document["components"]?["schemas"]?.ToJsonString() ?? "{}").Replace(Components, "#/$defs/", StringComparison.Ordinal);

    /// <summary>The answer's body is valid against the schema the operation declares for its status (or <c>default</c>)
    /// and media type; an answer without a body declares none.</summary>
    public async Task AssertMatchesAsync(JsonObject responses, HttpResponseMessage response, string what)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = (responses[status] ?? responses["default"])?.AsObject();
        Assert.True(declared is not null, $"{what}: {status} is not documented");
        // The rate-limit fields the answer carries are declared on it.
        foreach (var field in new[] { "RateLimit", "RateLimit-Policy", "Retry-After" }.Where(response.Headers.Contains))
        {
            Assert.True(declared["headers"]?[field] is not null, $"{what}: {status} sent {field}, which the document does not declare");
        }
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            Assert.True(declared["content"] is null, $"{what}: {status} came without a body, but the document declares one");
            return;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var content = declared["content"]?[mediaType];
        Assert.True(content?["schema"] is not null, $"{what}: {status} {mediaType} is not declared (declared: {declared["content"]?.ToJsonString()})");
        AssertValid(content["schema"]!, JsonNode.Parse(text), $"{what} ({status} {mediaType})");
    }

    /// <summary><paramref name="instance"/> is valid against <paramref name="schema"/> (a schema of the document).</summary>
    public void AssertValid(JsonNode schema, JsonNode? instance, string what)
    {
        var root = JsonSchema.FromText($$"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {{_definitions}},
             "allOf": [{{schema.ToJsonString().Replace(Components, "#/$defs/", StringComparison.Ordinal)}}]}
            """, baseUri: new Uri($"https://pushauth.test/openapi/{Guid.NewGuid():N}"));
        using var json = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = root.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{what} does not match its schema:\n{Errors(result)}\nbody: {instance?.ToJsonString()}\nschema: {schema.ToJsonString()}");
    }

    /// <summary>The schema says what the body is: a reference, a type, or a composition of those; not an empty <c>{}</c>.</summary>
    public bool IsTyped(JsonNode schema) => schema is JsonObject node
        && (node["$ref"] is not null || node["type"] is not null
            || new[] { "oneOf", "anyOf", "allOf" }.Any(k => node[k] is JsonArray choices && choices.Any(c => c is not null && IsTyped(c))));

    private static string Errors(EvaluationResults result) => string.Join('\n', (result.Details ?? []).Prepend(result)
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
