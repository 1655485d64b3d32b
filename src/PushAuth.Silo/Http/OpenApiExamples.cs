using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace PushAuth.Silo.Http;

/// <summary>An example for every JSON success body, built from its schema, so a reader (and the reference page) sees a
/// whole answer, and the example cannot drift from the type it shows: it is made from the same schema, and the
/// linter checks one against the other. Values are placeholders of the right shape (an enum's first name, a date, one
/// array item), not data from a real call.</summary>
internal static class OpenApiExamples
{
    private const int MaxDepth = 8;

    public static void AddResponseExamples(OpenApiDocument document)
    {
        foreach (var item in document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (!status.StartsWith('2') || response.Content is null)
                    {
                        continue;
                    }
                    foreach (var (mediaType, content) in response.Content)
                    {
                        if (mediaType.EndsWith("json", StringComparison.Ordinal) && content.Schema is { } schema && content.Example is null
                            && (content.Examples is null || content.Examples.Count == 0))
                        {
                            content.Example = Example(document, schema, null, 0);
                        }
                    }
                }
            }
        }
    }

    private static JsonNode? Example(OpenApiDocument document, IOpenApiSchema schema, string? name, int depth)
    {
        schema = Resolve(document, schema);
        if (depth > MaxDepth)
        {
            return null;
        }
        if (schema.Default is { } preset)
        {
            return preset.DeepClone();
        }
        if (schema.Enum is { Count: > 0 } values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }
        // Nullable references are oneOf/anyOf [null, $ref]: show the value, not the null.
        foreach (var choices in new[] { schema.OneOf, schema.AnyOf, schema.AllOf })
        {
            if (choices?.Select(c => Resolve(document, c)).FirstOrDefault(c => c.Type is not JsonSchemaType.Null) is { } choice)
            {
                return Example(document, choice, name, depth + 1);
            }
        }
        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : (JsonSchemaType?)null);
        if (type is null)
        {
            // A free-form JSON value (JsonNode, JsonElement: the WebAuthn options and credentials): an object, never a
            // null, which would also match the null branch of a nullable reference to it.
            return new JsonObject();
        }
        if (type.Value.HasFlag(JsonSchemaType.Object))
        {
            var example = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                example[property] = Example(document, propertySchema, property, depth + 1);
            }
            return example;
        }
        if (type.Value.HasFlag(JsonSchemaType.Array))
        {
            return schema.Items is { } items && depth < MaxDepth ? new JsonArray(Example(document, items, name, depth + 1)) : [];
        }
        if (type.Value.HasFlag(JsonSchemaType.Boolean))
        {
            return false;
        }
        if (type.Value.HasFlag(JsonSchemaType.Integer) || type.Value.HasFlag(JsonSchemaType.Number))
        {
            return decimal.TryParse(schema.Minimum?.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var minimum)
                ? JsonValue.Create(Math.Max(minimum, 1)) : JsonValue.Create(1);
        }
        if (type.Value.HasFlag(JsonSchemaType.String))
        {
            return Text(schema, name);
        }
        return null;
    }

    private static string Text(IOpenApiSchema schema, string? name) => schema.Format switch
    {
        "date-time" => "2026-01-15T09:30:00+00:00",
        "date" => "2026-01-15",
        "uri" => "https://login.example.com/",
        "email" => "alice@example.com",
        "uuid" => "3f1c2a4e-8d7b-4c1a-9e2f-6b5d4c3a2b1c",
        "byte" => "AAECAw==",
        _ when schema.Pattern is { } pattern => PatternSamples.FirstOrDefault(p => Regex.IsMatch(p, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))) ?? "",
        _ => string.IsNullOrEmpty(name) ? "string" : name,
    };

    /// <summary>Values tried against a string's pattern; the one pattern the document has today is a TimeSpan's.</summary>
    private static readonly string[] PatternSamples = ["00:02:00", "1", "a"];

    private static IOpenApiSchema Resolve(OpenApiDocument document, IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id
            && document.Components?.Schemas?.TryGetValue(id, out var target) == true && target is not null
            ? Resolve(document, target)
            : schema;
}
