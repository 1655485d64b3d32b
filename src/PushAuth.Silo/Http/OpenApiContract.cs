using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PushAuth.Silo.Auth;

namespace PushAuth.Silo.Http;

/// <summary>Makes /openapi/v1.json say what the silo does: the problem+json answers every operation can give, and as
/// required only the request fields the server refuses to do without (marked <c>[property: Required]</c> on the body
/// records), not every constructor parameter.</summary>
internal static class OpenApiContract
{
    private const string ProblemJson = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            EnumNames(schema, context.JsonTypeInfo.Type);
            RequiredFields(schema, context.JsonTypeInfo, context.JsonPropertyInfo);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            SecuritySchemes(document);
            PublishCatalogue(document);
            document.AddComponent<IOpenApiSchema>(ProblemSchemaId, Problem);
            OpenApiExamples.AddResponseExamples(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            ProblemResponses(operation, context.Description, context.Document);
            Security(operation, context.Description, context.Document);
            return Task.CompletedTask;
        });
    }

    /// <summary>How callers authenticate, for the operations' security requirements (<see cref="EndpointAuth.Schemes"/>).
    /// Also where the lint's document-level fields live: a server URL without a trailing slash and the licence.</summary>
    private static void SecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [EndpointAuth.ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "pak_…",
                Description = "A tenant's API key (`pak_…`, created by an admin), whose role must grant the operation: `Authorization: Bearer pak_…`.",
            },
            [EndpointAuth.ConsoleScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ConsoleSessions.SecureCookieName,
                Description = $"The admin console's session, set by a passkey sign-in: cookie `{ConsoleSessions.SecureCookieName}` over https (`{ConsoleSessions.CookieName}` over plain http).",
            },
            [EndpointAuth.DeviceScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "Authorization",
                Description = "A device session token from `POST /v1/devices/{deviceId}/session` (a signed server nonce): `Authorization: Device <token>`.",
            },
            [EndpointAuth.SignatureScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "PushAuth-Signature",
                Description = "The request signed with the device key: `PushAuth-Timestamp` (unix seconds, ±5 min), `PushAuth-Nonce` (single use) and "
                    + "`PushAuth-Signature` over the canonical request (method, path and query, timestamp, body hash, device id, nonce).",
            },
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        document.Info.License ??= new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
    }

    /// <summary>Each operation's security requirement from its <see cref="EndpointAuth"/>; an explicit empty one for
    /// operations a caller reaches without a credential (or with a proof in the body), so none is left undeclared.</summary>
    private static void Security(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, OpenApiDocument? document)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var auth = metadata.OfType<EndpointAuth>().LastOrDefault();
        var signed = metadata.OfType<SignedRequest>().Any();
        operation.Security = [.. (auth?.Schemes ?? []).Select(set =>
        {
            var requirement = new OpenApiSecurityRequirement();
            foreach (var scheme in signed && set.Contains(EndpointAuth.DeviceScheme) ? [.. set, EndpointAuth.SignatureScheme] : set)
            {
                requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
            }
            return requirement;
        })];
    }

    /// <summary>The problem-code catalogue (<see cref="ProblemCodes"/>) as the document's <c>x-problem-codes</c>: every code
    /// with its status and title, and the per-field families (<c>{field}.invalid</c>) with theirs.</summary>
    private static void PublishCatalogue(OpenApiDocument document)
    {
        var codes = new JsonArray();
        foreach (var problem in ProblemCodes.All)
        {
            codes.Add(new JsonObject { ["code"] = problem.Code, ["status"] = ProblemStatus.Of(problem.Kind), ["title"] = problem.Title });
        }
        foreach (var family in ProblemCodes.Families)
        {
            // http.{status}: the status is the one the code names.
            codes.Add(new JsonObject
            {
                ["pattern"] = family.Pattern,
                ["status"] = family.Pattern.Contains("{status}", StringComparison.Ordinal) ? null : ProblemStatus.Of(family.Kind),
                ["title"] = family.Title,
            });
        }
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions["x-problem-codes"] = new JsonNodeExtension(codes);
    }

    /// <summary>Enums travel as one defined name (<see cref="StrictEnumConverterFactory"/>, whose schema the generator
    /// cannot see): say so. The enum's component is a plain string even when first met as a nullable property: that
    /// property says null itself (<c>oneOf: [null, $ref]</c>), and a component typed <c>["null","string"]</c> makes client
    /// generators emit a second, empty class beside the enum.</summary>
    private static void EnumNames(OpenApiSchema schema, Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if ((nullable ?? type) is not { IsEnum: true } enumType)
        {
            return;
        }
        schema.Type = JsonSchemaType.String;
        schema.Enum = [.. Enum.GetNames(enumType).Select(n => (System.Text.Json.Nodes.JsonNode)n)];
        schema.Format = null;
    }

    private static void RequiredFields(OpenApiSchema schema, JsonTypeInfo type, JsonPropertyInfo? property)
    {
        // Our request bodies live in PushAuth.Silo; their fields are all nullable so a missing one gets a 400 naming it
        // (not a framework error), so the constructor says nothing about what is required: the attribute does.
        if (property is not null || type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("PushAuth.Silo", StringComparison.Ordinal) != true)
        {
            return;
        }
        var required = type.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count > 0 ? required : null;
    }

    private static void ProblemResponses(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, OpenApiDocument? document)
    {
        var responses = operation.Responses ??= [];
        var problem = new OpenApiSchemaReference(ProblemSchemaId, document);
        DeclaredProblems(responses, description.ActionDescriptor.EndpointMetadata.OfType<EndpointProblems>().SelectMany(p => p.Codes), problem);
        var auth = description.ActionDescriptor.EndpointMetadata.OfType<EndpointAuth>().LastOrDefault();
        var hasBody = operation.RequestBody is not null;
        var hasRouteValues = description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path);
        if (hasBody || description.ParameterDescriptions.Any(p => p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services
            && p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Special))
        {
            Add(responses, problem, "400", "Invalid request: the code names the field and the problem (e.g. userId.invalid, body.malformed-json)");
        }
        if (auth is not null)
        {
            Add(responses, problem, "401", auth.Kind switch
            {
                "api-key" => "No valid API key (Authorization: Bearer pak_…)",
                "admin" => "No valid API key (Authorization: Bearer pak_…) or console session",
                "console" => "No valid console session",
                "passkey" => "The passkey answer does not verify, or this browser started no such ceremony (console.sign-in-failed, console.ceremony-unknown)",
                "device" => "No valid device session (Authorization: Device <token>)",
                _ => "The proof or signature does not verify",
            });
        }
        if (auth?.CanForbid == true)
        {
            Add(responses, problem, "403", "The role does not grant this operation, it is console-only, or it needs a fresh passkey assertion (step-up)");
        }
        if (hasRouteValues)
        {
            Add(responses, problem, "404", "No such resource (or not this tenant's or device's)");
        }
        if (hasBody)
        {
            Add(responses, problem, "413", "The body is larger than this operation accepts");
            Add(responses, problem, "415", "The body is not JSON (Content-Type: application/json)");
        }
        Add(responses, problem, "503", "The silo is starting or stopping, or part of the cluster is unavailable; see Retry-After");
        Add(responses, problem, "default", "Any other refusal (409 conflict, 410 gone, 422, 423 locked, 429 with Retry-After…), as problem+json with a code");
    }

    /// <summary>One response per status of the declared codes: the shared problem schema, one named example per code,
    /// and the response's <c>x-problem-codes</c> (code and title) for generators and readers. One schema for every
    /// problem answer, so a generated client has one problem type, not one per response.</summary>
    private static void DeclaredProblems(OpenApiResponses responses, IEnumerable<ProblemCode> declared, IOpenApiSchema problem)
    {
        foreach (var group in declared.Distinct().GroupBy(c => ProblemStatus.Of(c.Kind)).OrderBy(g => g.Key))
        {
            var codes = new JsonArray();
            var examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
            foreach (var code in group)
            {
                codes.Add(new JsonObject { ["code"] = code.Code, ["title"] = code.Title });
                examples[code.Code] = new OpenApiExample
                {
                    Summary = code.Title,
                    Value = new JsonObject { ["title"] = code.Title, ["status"] = group.Key, ["code"] = code.Code },
                };
            }
            responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join("; ", group.Select(c => $"{c.Title} ({c.Code})")),
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = problem, Examples = examples } },
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-problem-codes"] = new JsonNodeExtension(codes) },
            };
        }
    }

    private static void Add(OpenApiResponses responses, IOpenApiSchema problem, string status, string description)
    {
        if (responses.ContainsKey(status))
        {
            return;
        }
        responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = problem } },
        };
    }

    /// <summary>The component every problem+json answer refers to.</summary>
    public const string ProblemSchemaId = "Problem";

    private static readonly OpenApiSchema Problem = new()
    {
        Description = "An RFC 9457 problem: every refusal, with a stable code from the document's x-problem-codes",
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable code, e.g. userId.invalid; every code is listed in x-problem-codes" },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field at fault, when there is one" },
        },
    };
}
