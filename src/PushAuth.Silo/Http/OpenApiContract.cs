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
            CsvResponses(operation);
            RateLimitFields(operation);
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
        // Relative: the document describes the silo that serves it, whatever its public URL (a generated client and
        // the reference page call the origin they were given), and no deployment's address is baked into the snapshot.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The silo that serves this document" }];
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "", $"{tag.Name} operations");
        }
        document.Info.License ??= new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Devices"] = "An authenticator installation: registration with a key proof, sessions, push token, pairing phrases and offers, as the phone calls them",
        ["Pairing and methods"] = "The login service pairs a user with a phone (phrase or QR offer), lists and removes the user's methods, enrols and checks TOTP",
        ["Push approvals"] = "The login service asks a user for a push approval and long-polls the decision",
        ["Device approvals"] = "The phone pulls the challenges addressed to it and answers them, signed",
        ["Admin"] = "Tenant settings, API keys, webhook secret and push blocks, with an Admin API key or a console session",
        ["Admin console"] = "The console's own session: passkey sign-in and step-up, admins, invitations and passkeys",
        ["Admin recovery"] = "Help for a user who lost a phone: temporary codes, method removal, revoking everything, new pairing offers",
        ["Admin directory"] = "The tenant's users and their profiles",
        ["History"] = "The tenant's tamper-evident history: queries, export, verification, audit and statistics",
        ["Backup"] = "Encrypted backups of a phone's accounts, verified contact, and restore on another phone",
        ["OpenID Connect clients"] = "The relying parties of the tenant's OpenID Provider",
    };

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
        // Outside Development every request whose Host is not the deployment's is refused (PublicHostFilter).
        DeclaredProblems(responses, description.ActionDescriptor.EndpointMetadata.OfType<EndpointProblems>().SelectMany(p => p.Codes)
            .Append(ProblemCodes.Requests.HostNotAllowed), problem);
        var auth = description.ActionDescriptor.EndpointMetadata.OfType<EndpointAuth>().LastOrDefault();
        var hasBody = operation.RequestBody is not null;
        var hasRouteValues = description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path);
        var signed = description.ActionDescriptor.EndpointMetadata.OfType<SignedRequest>().Any();
        if (hasBody || description.ParameterDescriptions.Any(p => p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services
            && p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Special))
        {
            Add(responses, problem, "400", "Invalid request: the code names the field and the problem (e.g. userId.invalid, body.malformed-json)",
                Entry(ProblemCodes.Requests.Invalid), Entry(ProblemCodes.Requests.BodyMissing), Entry(ProblemCodes.Requests.BodyMalformedJson),
                Entry(ProblemCodes.Requests.BodyInvalid), Entry(ProblemCodes.Requests.FieldInvalid), Entry(ProblemCodes.Requests.FieldMissing),
                Entry(ProblemCodes.Requests.FieldUnknown));
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
            }, [.. UnauthenticatedCodes(auth.Kind, signed)]);
        }
        if (auth?.CanForbid == true)
        {
            Add(responses, problem, "403", "The role does not grant this operation, it is console-only, or it needs a fresh passkey assertion (step-up)",
                Entry(ProblemCodes.Auth.Permission), Entry(ProblemCodes.Auth.ConsoleOnly), Entry(ProblemCodes.Auth.HighAssuranceRequired));
        }
        if (hasRouteValues)
        {
            Add(responses, problem, "404", "No such resource (or not this tenant's or device's)", Entry(ProblemCodes.Requests.IdUnknown));
        }
        if (hasBody)
        {
            Add(responses, problem, "413", "The body is larger than this operation accepts", Entry(ProblemCodes.Requests.TooLarge));
            Add(responses, problem, "415", "The body is not JSON (Content-Type: application/json)", Entry(ProblemCodes.Requests.UnsupportedMediaType));
        }
        Add(responses, problem, "503", "The silo is starting or stopping, or part of the cluster is unavailable; see Retry-After",
            Entry(ProblemCodes.Service.NotReady), Entry(ProblemCodes.Service.ClusterUnavailable), Entry(ProblemCodes.Service.StorageUnavailable));
        Add(responses, problem, "default", "Any other refusal (409 conflict, 410 gone, 422, 423 locked, 429 with Retry-After…), as problem+json with a code");
    }

    /// <summary>The 401 codes the authentication filter of <paramref name="kind"/> gives (<see cref="AuthEndpointExtensions"/>,
    /// <see cref="AdminAuthExtensions"/>), with the signature checks of a signed device request. A proof or a passkey answer
    /// is checked by the endpoint itself, which declares its codes.</summary>
    private static IEnumerable<JsonObject> UnauthenticatedCodes(string kind, bool signed)
    {
        IEnumerable<ProblemCode> codes = kind switch
        {
            "api-key" => [ProblemCodes.Auth.ApiKey],
            "admin" => [ProblemCodes.Auth.ApiKey, ProblemCodes.Auth.Required, ProblemCodes.Console.SignedOut],
            "console" => [ProblemCodes.Auth.ApiKey, ProblemCodes.Console.SignedOut],
            "device" => [ProblemCodes.Auth.DeviceSession],
            _ => [],
        };
        if (signed)
        {
            codes = codes.Concat([ProblemCodes.Auth.SignatureMissing, ProblemCodes.Auth.SignatureStale, ProblemCodes.Auth.SignatureNonce,
                ProblemCodes.Auth.SignatureInvalid, ProblemCodes.Auth.SignatureReplay]);
        }
        return codes.Select(Entry);
    }

    /// <summary>An entry of a response's <c>x-problem-codes</c>: a code, or a family's pattern (<c>{field}.invalid</c>) in its place.</summary>
    private static JsonObject Entry(ProblemCode code) => new() { ["code"] = code.Code, ["title"] = code.Title };

    private static JsonObject Entry(ProblemCodeFamily family) => new() { ["code"] = family.Pattern, ["title"] = family.Title };

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
                codes.Add(Entry(code));
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

    /// <summary>A status every operation of its kind can answer, with the generic <paramref name="codes"/> of that status
    /// (bad input, authentication, size…) in its <c>x-problem-codes</c>, beside the codes the endpoint declared for it.</summary>
    private static void Add(OpenApiResponses responses, IOpenApiSchema problem, string status, string description, params JsonObject[] codes)
    {
        if (responses.TryGetValue(status, out var declared))
        {
            // A status the endpoint declared codes for: the generic refusals of its kind come with it.
            if (declared is OpenApiResponse response)
            {
                if (response.Description?.Contains(description, StringComparison.Ordinal) != true)
                {
                    response.Description = $"{response.Description}; {description}";
                }
                if (codes.Length > 0)
                {
                    response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    var list = response.Extensions.TryGetValue(ProblemCodesExtension, out var existing) && existing is JsonNodeExtension { Node: JsonArray known } ? known : [];
                    var present = list.Select(c => c?["code"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    foreach (var code in codes)
                    {
                        if (present.Add(code["code"]!.GetValue<string>()))
                        {
                            list.Add(code);
                        }
                    }
                    response.Extensions[ProblemCodesExtension] = new JsonNodeExtension(list);
                }
            }
            return;
        }
        var answer = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = problem } },
        };
        if (codes.Length > 0)
        {
            answer.Extensions = new Dictionary<string, IOpenApiExtension> { [ProblemCodesExtension] = new JsonNodeExtension(new JsonArray(codes)) };
        }
        responses[status] = answer;
    }

    private const string ProblemCodesExtension = "x-problem-codes";

    /// <summary>A CSV answer is text, not the JSON array the endpoint's <c>Produces</c> names for its JSON twin: its first
    /// line is the header.</summary>
    private static void CsvResponses(OpenApiOperation operation)
    {
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            if (response.Content?.TryGetValue(Csv, out _) == true)
            {
                response.Content[Csv] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV (RFC 4180, UTF-8): a header line, then one line per entry" },
                    Example = JsonValue.Create(PushAuth.Silo.Endpoints.Admin.HistoryCsv.Header + "\n"),
                };
            }
        }
    }

    private const string Csv = "text/csv";

    /// <summary>The limits whose state the silo reports (<see cref="RateLimitReport"/>, written by <see cref="RateLimitHeaders"/>
    /// on a success and on the 429): keyed by the caller's own address or device, or the user's push rate told to the
    /// login service whose key spends it, so what is left tells it nothing it could not count itself.</summary>
    private static readonly HashSet<string> ReportedLimits = new(StringComparer.Ordinal)
    {
        ProblemCodes.Devices.RateLimited.Code, ProblemCodes.Pairing.RateLimited.Code, ProblemCodes.Pairing.PhraseRateLimited.Code,
        ProblemCodes.Backup.ContactRateLimited.Code, ProblemCodes.Backup.SourceRateLimited.Code, ProblemCodes.Console.SignInThrottled.Code,
        ProblemCodes.Challenges.PushRateLimited.Code, ProblemCodes.Users.TemporaryCodeRateLimited.Code,
    };

    /// <summary>The fields a rate-limited operation answers with: <c>Retry-After</c> on every 429, and <c>RateLimit</c> and
    /// <c>RateLimit-Policy</c> (draft-ietf-httpapi-ratelimit-headers) on the answers of an operation whose limits are
    /// reported.</summary>
    private static void RateLimitFields(OpenApiOperation operation)
    {
        var responses = operation.Responses;
        if (responses is null || !responses.TryGetValue("429", out var limited) || limited is not OpenApiResponse tooMany)
        {
            return;
        }
        tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        tooMany.Headers["Retry-After"] = Header(JsonSchemaType.Integer, "Seconds until the request may succeed");
        var codes = tooMany.Extensions?.TryGetValue("x-problem-codes", out var extension) == true && extension is JsonNodeExtension { Node: JsonArray list }
            ? list.Select(c => c?["code"]?.GetValue<string>()) : [];
        if (!codes.Any(c => c is not null && ReportedLimits.Contains(c)))
        {
            return;
        }
        // Every answer given once the limit was checked carries them (a refused body too: every attempt counts).
        foreach (var response in responses.Values)
        {
            if (response is OpenApiResponse answer)
            {
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                answer.Headers[RateLimitHeaders.PolicyHeader] = Header(JsonSchemaType.String, "The limits this request met: \"name\";q={quota};w={window seconds}, comma-separated");
                answer.Headers[RateLimitHeaders.StateHeader] = Header(JsonSchemaType.String, "What is left of each: \"name\";r={remaining};t={seconds to reset}, comma-separated");
            }
        }
    }

    private static OpenApiHeader Header(JsonSchemaType type, string description) => new() { Description = description, Schema = new OpenApiSchema { Type = type } };

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
