using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>The OpenAPI document against real calls (issue 12 item 11): for every create and the TOTP, pairing, settings
/// and API-key operations, the status a valid call gets is documented, and each documented required field is really
/// required (the same call without it is a documented 400 problem+json); an optional body may be left out. Every
/// answer's body is valid against the schema the document declares for its status (issue 17).</summary>
public sealed class OpenApiContractTests(ITestOutputHelper output)
{
    private sealed record Case(string Method, string Template, string Path, HttpClient Client, Func<Task<JsonObject?>> ValidBody);

    [Fact]
    public async Task OpenApi_SourceGeneratedHotPathJson_SameDocumentAsReflectionMetadata()
    {
        var removed = 0;
        await using var generated = await SiloTestHost.StartSqliteAsync();
        await using var reflection = await SiloTestHost.StartSqliteAsync(configure: b =>
            Microsoft.Extensions.DependencyInjection.HttpJsonServiceExtensions.ConfigureHttpJsonOptions(b.Services, o =>
                removed += o.SerializerOptions.TypeInfoResolverChain.ToList().Count(r => r.GetType().Name == "HotPathJsonContext"
                    && o.SerializerOptions.TypeInfoResolverChain.Remove(r))));

        // Each silo names its own address in "servers"; everything else must match to the character.
        var withContext = (await generated.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var withoutContext = (await reflection.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        withContext.Remove("servers");
        withoutContext.Remove("servers");

        Assert.Equal(1, removed);
        Assert.Equal(withoutContext.ToJsonString(), withContext.ToJsonString());
    }

    [Fact]
    public async Task OpenApi_RepresentativeOperations_StatusesAndRequiredFieldsMatchRealCalls()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "paired");
        var anonymous = s.Client(0, null);
        var console = await PushAuth.Silo.Tests.Admin.AdminScenario.ConsoleAsync(s, "Admin");
        var doc = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var schemas = new ResponseSchemas(doc);
        var n = 0;
        var challengeId = (await s.CreateChallengeAsync("paired")).GetProperty("challengeId").GetString()!;
        static Task<JsonObject?> NoBody() => Task.FromResult<JsonObject?>(null);

        async Task<JsonObject?> Registration()
        {
            using var key = DeviceKeyPair.Create();
            using var nonce = await anonymous.PostAsync("/v1/devices/registration-nonce", null);
            var value = (await nonce.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
            return new JsonObject
            {
                ["publicKey"] = key.PublicKeySpki, ["platform"] = "android", ["pushProvider"] = "dev", ["appVersion"] = "1.0", ["displayName"] = "Phone",
                ["nonce"] = value, ["proof"] = key.SignToBase64Url($"PA2-REGISTER\n{value}\n{key.PublicKeySpki}"),
            };
        }

        async Task<JsonObject?> Claim()
        {
            var phone = await s.DeviceAsync();
            var (_, phrase) = await phone.RequestPairingPhraseAsync();
            return new JsonObject { ["phrase"] = phrase, ["userId"] = "u" + Interlocked.Increment(ref n), ["serviceName"] = "Acme Mail" };
        }

        Case[] cases =
        [
            new("POST", "/v1/devices", "/v1/devices", anonymous, Registration),
            new("POST", "/v1/pairings", "/v1/pairings", s.Login, Claim),
            new("POST", "/v1/pairing-offers", "/v1/pairing-offers", s.Login, () => Task.FromResult<JsonObject?>(new() { ["userId"] = "offered", ["serviceName"] = "Acme Mail" })),
            new("POST", "/v1/users/{userId}/totp", "/v1/users/totp-user/totp", s.Login, () => Task.FromResult<JsonObject?>([])),
            new("POST", "/v1/users/{userId}/totp/verify", "/v1/users/totp-user/totp/verify", s.Login, () => Task.FromResult<JsonObject?>(new() { ["code"] = "123456" })),
            new("POST", "/v1/challenges", "/v1/challenges", s.Login, () => Task.FromResult<JsonObject?>(new()
            {
                ["userId"] = "paired", ["context"] = new JsonObject { ["service"] = "Acme Mail", ["action"] = "Sign in" },
            })),
            new("PUT", "/v1/admin/settings", "/v1/admin/settings", s.Admin, () => Task.FromResult<JsonObject?>(new() { ["displayName"] = "Acme" })),
            new("POST", "/v1/admin/api-keys", "/v1/admin/api-keys", s.Admin, () => Task.FromResult<JsonObject?>(new() { ["role"] = "LoginService", ["name"] = "ci" })),
            new("POST", "/v1/admin/users/{userId}/pairing-offers", "/v1/admin/users/offered/pairing-offers", s.Admin,
                () => Task.FromResult<JsonObject?>(new() { ["serviceName"] = "Acme Mail" })),
            new("POST", "/console/api/invitations", "/console/api/invitations", console, () => Task.FromResult<JsonObject?>(new() { ["role"] = "Auditor" })),
            new("POST", "/console/api/sign-in/options", "/console/api/sign-in/options", anonymous, () => Task.FromResult<JsonObject?>(new() { ["tenantId"] = "acme" })),
            // Reads: no body to require, but an answer to check against its schema.
            new("GET", "/v1/challenges/{challengeId}", $"/v1/challenges/{challengeId}", s.Login, NoBody),
            new("GET", "/v1/users/{userId}/methods", "/v1/users/paired/methods", s.Login, NoBody),
            new("GET", "/v1/users/{userId}/pre-check", "/v1/users/paired/pre-check", s.Login, NoBody),
            new("GET", "/v1/users/{userId}/push-status", "/v1/users/paired/push-status", s.Login, NoBody),
            new("GET", "/v1/admin/settings", "/v1/admin/settings", s.Admin, NoBody),
            new("GET", "/v1/admin/api-keys", "/v1/admin/api-keys", s.Admin, NoBody),
            new("GET", "/v1/admin/users/{userId}", "/v1/admin/users/paired", s.Admin, NoBody),
            new("GET", "/console/api/admins", "/console/api/admins", console, NoBody),
            new("GET", "/console/api/session", "/console/api/session", console, NoBody),
        ];

        var checkedFields = 0;
        var checkedBodies = 0;
        foreach (var c in cases)
        {
            var operation = doc["paths"]![c.Template]![c.Method.ToLowerInvariant()]!.AsObject();
            var responses = operation["responses"]!.AsObject();

            using (var valid = await SendAsync(c, await c.ValidBody()))
            {
                Assert.True(valid.IsSuccessStatusCode, $"{c.Method} {c.Path}: a valid call got {(int)valid.StatusCode} {await valid.Content.ReadAsStringAsync()}");
                Assert.True(responses.ContainsKey(((int)valid.StatusCode).ToString()),
                    $"{c.Method} {c.Template} answered {(int)valid.StatusCode}, documented: {string.Join(", ", responses.Select(r => r.Key))}");
                await schemas.AssertMatchesAsync(responses, valid, $"{c.Method} {c.Template}");
                checkedBodies++;
            }

            var body = operation["requestBody"]?.AsObject();
            if (body is null)
            {
                continue;
            }
            if (body["required"]?.GetValue<bool>() != true)
            {
                using var without = await SendAsync(c, null);
                Assert.True(without.IsSuccessStatusCode, $"{c.Method} {c.Template}: the body is documented optional but a call without one got {(int)without.StatusCode}");
                Assert.True(responses.ContainsKey(((int)without.StatusCode).ToString()));
                await schemas.AssertMatchesAsync(responses, without, $"{c.Method} {c.Template} without a body");
            }
            var schema = Resolve(doc, body["content"]!["application/json"]!["schema"]!);
            foreach (var field in RequiredFields(doc, schema, ""))
            {
                var request = await c.ValidBody();
                Remove(request!, field);
                using var missing = await SendAsync(c, request);
                var text = await missing.Content.ReadAsStringAsync();
                Assert.True(400 == (int)missing.StatusCode, $"{c.Method} {c.Template} without documented-required '{field}' got {(int)missing.StatusCode}: {text}");
                Assert.True(responses.ContainsKey("400"), $"{c.Method} {c.Template}: 400 not documented");
                Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrEmpty(JsonNode.Parse(text)!["code"]?.GetValue<string>()));
                await schemas.AssertMatchesAsync(responses, missing, $"{c.Method} {c.Template} without '{field}'");
                checkedFields++;
                checkedBodies++;
            }
        }
        output.WriteLine($"{cases.Length} operations, {checkedFields} documented-required fields each refused when missing, {checkedBodies} answers valid against their schemas");

        // The issue's two findings, by name.
        Assert.False(doc["paths"]!["/v1/challenges"]!["post"]!["responses"]!.AsObject().ContainsKey("200"));
        var enrol = Resolve(doc, doc["paths"]!["/v1/users/{userId}/totp"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Null(enrol["required"]);
    }

    /// <summary>Issue 17: every operation declares how it is called, and the schemes say what the filters check.</summary>
    [Fact]
    public async Task OpenApi_SecurityRequirements_FollowTheEndpointFilters()
    {
        await using var s = await Scenario.SqliteAsync();
        var doc = (await s.Client(0, null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal(["apiKey", "consoleSession", "deviceSession", "deviceSignature"], schemes.Select(p => p.Key).Order());
        Assert.Equal("bearer", schemes["apiKey"]!["scheme"]!.GetValue<string>());

        string Requirement(string path, string method) => string.Join(" | ", doc["paths"]![path]![method]!["security"]!.AsArray()
            .Select(r => string.Join(" + ", r!.AsObject().Select(p => p.Key).Order())));

        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                Assert.True(operation!["security"] is JsonArray, $"{method} {path} declares no security");
            }
        }
        Assert.Equal("apiKey", Requirement("/v1/challenges", "post"));
        Assert.Equal("apiKey | consoleSession", Requirement("/v1/admin/settings", "get"));
        Assert.Equal("consoleSession", Requirement("/console/api/admins", "get"));
        Assert.Equal("deviceSession", Requirement("/v1/device", "get"));
        Assert.Equal("deviceSession + deviceSignature", Requirement("/v1/device/push-token", "put"));
        Assert.Equal("", Requirement("/v1/devices", "post"));
        Assert.Equal("", Requirement("/console/api/sign-in/options", "post"));
    }

    /// <summary>Issue 17 item 2: the statuses the API really returns beyond bad input and authentication, each with its
    /// problem codes; the three backup PUTs declare their bodies; every operation with a body answer has its schema.</summary>
    [Fact]
    public async Task OpenApi_DeclaredStatuses_CarryTheirProblemCodes_AndEveryBodyIsTyped()
    {
        await using var s = await Scenario.SqliteAsync();
        var doc = (await s.Client(0, null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var schemas = new ResponseSchemas(doc);

        IEnumerable<string> Codes(string path, string method, string status) =>
            doc["paths"]![path]![method]!["responses"]![status]!["x-problem-codes"]!.AsArray().Select(c => c!["code"]!.GetValue<string>());

        Assert.Contains("push.no-device", Codes("/v1/challenges", "post", "409"));
        Assert.Contains("idempotency.key-reused", Codes("/v1/challenges", "post", "422"));
        Assert.Contains("push.blocked", Codes("/v1/challenges", "post", "423"));
        Assert.Contains("push.rate-limited", Codes("/v1/challenges", "post", "429"));
        Assert.Contains("device.rate-limited", Codes("/v1/devices", "post", "429"));
        Assert.Contains("pairing.rate-limited", Codes("/v1/pairings", "post", "429"));
        Assert.Contains("pairing.phrase-rate-limited", Codes("/v1/device/pairing-phrases", "post", "429"));
        Assert.Contains("pairing.unknown-phrase", Codes("/v1/pairings", "post", "404"));
        Assert.Contains("contact.unverified", Codes("/v1/device/backups/{backupId}/contact", "put", "403"));
        Assert.Equal("application/problem+json", doc["paths"]!["/v1/challenges"]!["post"]!["responses"]!["409"]!["content"]!.AsObject().Single().Key);

        // Rate-limit fields: Retry-After on every 429, RateLimit and RateLimit-Policy where the silo reports the limit.
        JsonObject Headers(string path, string method, string status) => doc["paths"]![path]![method]!["responses"]![status]!["headers"]!.AsObject();
        Assert.Equal(["RateLimit", "RateLimit-Policy", "Retry-After"], Headers("/v1/devices", "post", "429").Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["RateLimit", "RateLimit-Policy"], Headers("/v1/devices", "post", "201").Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(Headers("/v1/pairings", "post", "201")["RateLimit"]);
        Assert.NotNull(Headers("/v1/challenges", "post", "429")["Retry-After"]);
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                Assert.True(operation!["responses"]!["429"]?["headers"]?["Retry-After"] is not null || operation["responses"]!["429"] is null, $"{method} {path}: a 429 without Retry-After");
                Assert.True(operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4')), $"{method} {path} declares no 4xx");
            }
        }
        // The CSV export is text, its first line the header; the JSON one is the typed array.
        var export = doc["paths"]!["/v1/admin/history/export"]!["get"]!["responses"]!["200"]!["content"]!;
        Assert.Equal("string", export["text/csv"]!["schema"]!["type"]!.GetValue<string>());
        Assert.StartsWith("sequence,at,userId", export["text/csv"]!["example"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("array", export["application/json"]!["schema"]!["type"]!.GetValue<string>());
        // Every tag says what it groups; the server is the silo that serves the document.
        Assert.All(doc["tags"]!.AsArray(), t => Assert.False(string.IsNullOrEmpty(t!["description"]?.GetValue<string>()), t!.ToJsonString()));
        Assert.Equal("/", doc["servers"]![0]!["url"]!.GetValue<string>());

        foreach (var path in new[] { "/v1/device/backups/{backupId}", "/v1/device/backups/{backupId}/passcode", "/v1/device/backups/{backupId}/contact" })
        {
            var body = doc["paths"]![path]!["put"]!["requestBody"];
            Assert.True(body?["required"]?.GetValue<bool>() == true, $"PUT {path} declares no required body");
            Assert.NotNull(Resolve(doc, body!["content"]!["application/json"]!["schema"]!)["required"]);
        }
        Assert.Contains("name", Resolve(doc, doc["paths"]!["/v1/admin/api-keys"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!)["required"]!
            .AsArray().Select(n => n!.GetValue<string>()));

        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject().Where(r => r.Key.StartsWith('2') && r.Key != "204"))
                {
                    Assert.True(response!["content"]?.AsObject().All(c => c.Value!["schema"] is not null) == true,
                        $"{method} {path} {status} declares no body schema");
                    // Issue 17: a typed schema and an example of it for every JSON answer.
                    foreach (var (mediaType, content) in response["content"]!.AsObject().Where(c => c.Key.EndsWith("json", StringComparison.Ordinal)))
                    {
                        Assert.True(schemas.IsTyped(content!["schema"]!), $"{method} {path} {status} {mediaType}: the schema says nothing of the body's shape");
                        Assert.True(content["example"] is not null, $"{method} {path} {status} {mediaType} has no example");
                        schemas.AssertValid(content["schema"]!, content["example"]!, $"the example of {method} {path} {status}");
                    }
                }
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(Case c, JsonObject? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        return await c.Client.SendAsync(request);
    }

    /// <summary>Required fields as dotted paths, into nested objects (e.g. context.service when context is present).</summary>
    private static IEnumerable<string> RequiredFields(JsonObject doc, JsonObject schema, string prefix)
    {
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name))
            {
                yield return prefix + name;
            }
            var nested = Resolve(doc, property!);
            if (nested["properties"] is not null && required.Contains(name))
            {
                foreach (var inner in RequiredFields(doc, nested, prefix + name + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonObject Resolve(JsonObject doc, JsonNode schema)
    {
        var node = schema.AsObject();
        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            return doc["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        }
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node[key]?.AsArray().FirstOrDefault(n => n?["$ref"] is not null) is { } referenced)
            {
                return Resolve(doc, referenced);
            }
        }
        return node;
    }

    private static void Remove(JsonObject body, string path)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }
        target.Remove(parts[^1]);
    }
}
