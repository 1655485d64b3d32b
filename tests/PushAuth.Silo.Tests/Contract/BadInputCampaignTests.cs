using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>
/// The standing bad-input campaign (issue 12 item 23), generated from /openapi/v1.json: every operation gets missing,
/// garbage, duplicated and wrong-scheme credentials, another tenant's ids and malformed ids in its route, and, where
/// it takes a body, malformed and truncated JSON, wrong types per field, a huge body, invalid UTF-8, NUL bytes, a
/// non-JSON content type and (on signed device operations) bad signatures and correctly signed bad bodies. Expected:
/// no 5xx, every 4xx problem+json with a code the document declares for that operation and status (issue 17 item 2,
/// <see cref="DeclaredProblemCodes"/>), and the two tenants' state the same before and after.
/// </summary>
public sealed class BadInputCampaignTests(ITestOutputHelper output)
{
    private static readonly string[] SignedOperations = ["UpdatePushToken", "DeregisterDevice", "RequestAutoApproveRule", "UpdateBackup", "ChangeBackupPasscode", "DeleteBackup", "ChangeBackupContact"];

    private sealed record Operation(string Method, string Template, string? Name, JsonObject? BodySchema, bool BodyRequired);

    [Fact]
    public async Task Campaign_EveryOperationFromTheDocument_No5xxProblemJsonWithCodeAndNoWrites()
    {
        await using var a = await Scenario.SqliteAsync("acme");
        var b = await a.OtherTenantAsync("globex");
        var phone = await a.DeviceAsync();
        var otherPhone = await b.DeviceAsync();
        var aliceMethod = await a.PairAsync(phone, "alice");
        var bobMethod = await b.PairAsync(otherPhone, "bob");
        var aliceChallenge = (await a.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString()!;
        var bobChallenge = (await b.CreateChallengeAsync("bob")).GetProperty("challengeId").GetString()!;
        var (bobPairing, _) = await otherPhone.RequestPairingPhraseAsync();
        var bobKeyId = (await b.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys"))[0].GetProperty("keyId").GetString()!;
        var anonymous = a.Client(0, null);
        var phoneSession = await phone.SessionAsync();
        var doc = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operations = Operations(doc).ToList();
        var declared = new DeclaredProblemCodes(doc);

        // Route values: the other tenant's real ids first (isolation), then malformed ones.
        var others = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["userId"] = "bob", ["challengeId"] = bobChallenge, ["pairingId"] = bobPairing, ["methodId"] = bobMethod, ["keyId"] = bobKeyId,
            ["deviceId"] = otherPhone.DeviceId!, ["ruleId"] = "ar_x", ["backupId"] = "bk_x", ["noticeId"] = "nt_x", ["verificationId"] = "cv_x", ["file"] = "x",
        };
        string[] malformedIds = [new string('x', 3000), "%01", "..%2F..%2Fadmin", "%E2%80%AEevil", "%C3%28", "a%20b%0Ac"];

        var before = await SnapshotAsync(a, b, phone, aliceChallenge, bobChallenge);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var started = DateTimeOffset.UtcNow;

        async Task SendAsync(string kind, Operation op, string path, Func<HttpRequestMessage, Task>? prepare, HttpContent? content, HttpClient? client = null)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            using var request = new HttpRequestMessage(new HttpMethod(op.Method), path) { Content = content };
            if (prepare is not null)
            {
                await prepare(request);
            }
            HttpResponseMessage response;
            try
            {
                response = await (client ?? anonymous).SendAsync(request);
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{kind} {op.Method} {path}: connection failed ({ex.Message})");
                return;
            }
            using (response)
            {
                await CheckAsync(kind, op, path, response, failures, declared);
            }
        }

        foreach (var op in operations)
        {
            var own = Fill(op.Template, name => name switch
            {
                "userId" => "alice", "challengeId" => aliceChallenge, "methodId" => aliceMethod, "deviceId" => phone.DeviceId!, _ => others.GetValueOrDefault(name, "x"),
            });
            Func<HttpRequestMessage, Task> asCaller = CallerOf(op, a, phoneSession);
            var emptyJson = () => new StringContent("{}", Encoding.UTF8, "application/json");

            // Credentials: none, garbage, two Authorization headers, a scheme that is not ours.
            await SendAsync("auth.missing", op, own, null, op.BodySchema is null ? null : emptyJson());
            await SendAsync("auth.garbage", op, own, r => Task.FromResult(r.Headers.TryAddWithoutValidation("Authorization", op.Template.StartsWith("/v1/device", StringComparison.Ordinal)
                ? "Device 1.dv_nobody.AAAA" : "Bearer pak_" + new string('A', 43))), op.BodySchema is null ? null : emptyJson());
            await SendAsync("auth.duplicated", op, own, async r =>
            {
                await asCaller(r);
                r.Headers.TryAddWithoutValidation("Authorization", "Bearer pak_" + new string('B', 43));
            }, op.BodySchema is null ? null : emptyJson());
            await SendAsync("auth.wrong-scheme", op, own, r => Task.FromResult(r.Headers.TryAddWithoutValidation("Authorization", "Basic YWRtaW46YWRtaW4=")),
                op.BodySchema is null ? null : emptyJson());

            // Route values: another tenant's ids, and malformed ones.
            if (op.Template.Contains('{'))
            {
                counts["route.nul (Kestrel)"] = counts.GetValueOrDefault("route.nul (Kestrel)") + 1;
                using (var nul = new HttpRequestMessage(new HttpMethod(op.Method), Fill(op.Template, _ => "%00")))
                {
                    await asCaller(nul);
                    nul.Headers.ConnectionClose = true;
                    using var refused = await anonymous.SendAsync(nul);
                    // Kestrel refuses a NUL in the path before any middleware runs: a bare 400 is all it can be.
                    if ((int)refused.StatusCode != 400)
                    {
                        failures.Add($"route.nul {op.Method} {op.Template}: {(int)refused.StatusCode}");
                    }
                }
                await SendAsync("route.other-tenant", op, Fill(op.Template, name => others.GetValueOrDefault(name, "x")), asCaller, op.BodySchema is null ? null : emptyJson());
                foreach (var bad in malformedIds)
                {
                    await SendAsync("route.malformed", op, Fill(op.Template, _ => bad), asCaller, op.BodySchema is null ? null : emptyJson());
                }
            }

            if (op.BodySchema is null)
            {
                continue;
            }
            var valid = Sample(doc, op.BodySchema, 0);
            var validText = valid.ToJsonString();
            HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
            HttpContent Bytes(byte[] bytes)
            {
                var c = new ByteArrayContent(bytes);
                c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return c;
            }

            await SendAsync("body.malformed", op, own, asCaller, Json("{\"userId\":"));
            await SendAsync("body.malformed", op, own, asCaller, Json("{'single':'quotes'}"));
            await SendAsync("body.truncated", op, own, asCaller, Json(validText[..(validText.Length / 2)]));
            await SendAsync("body.not-an-object", op, own, asCaller, Json("[1,2,3]"));
            await SendAsync("body.not-an-object", op, own, asCaller, Json("\"text\""));
            if (op.BodyRequired)
            {
                // Where the body is optional, no body and a JSON null are valid requests, not bad input.
                await SendAsync("body.null", op, own, asCaller, Json("null"));
                await SendAsync("body.empty", op, own, asCaller, Json(""));
            }
            // Above the 64 KiB limit (backups: above theirs); the silo answers 413 and may close the connection, so not reused.
            await SendAsync("body.huge", op, own, async r =>
            {
                await asCaller(r);
                r.Headers.ConnectionClose = true;
            }, Json("{\"x\":\"" + new string('a', 400 * 1024) + "\"}"));
            await SendAsync("body.deep", op, own, asCaller, Json(new string('[', 5000) + new string(']', 5000)));
            await SendAsync("body.invalid-utf8", op, own, asCaller, Bytes([.. "{\"userId\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]));
            await SendAsync("body.content-type", op, own, asCaller, new StringContent(validText, Encoding.UTF8, "text/plain"));
            await SendAsync("body.unknown-field", op, own, asCaller, Json(WithExtra(valid)));
            foreach (var (field, _) in op.BodySchema["properties"]?.AsObject() ?? [])
            {
                var wrong = valid.DeepClone().AsObject();
                wrong[field] = WrongType(doc, op.BodySchema["properties"]![field]!);
                await SendAsync("body.wrong-type", op, own, asCaller, Json(wrong.ToJsonString()));
                if (IsString(doc, op.BodySchema["properties"]![field]!))
                {
                    var nul = valid.DeepClone().AsObject();
                    nul[field] = "a\u0000b";
                    await SendAsync("body.nul-byte", op, own, asCaller, Json(nul.ToJsonString()));
                }
            }
            if (op.Name is { } name && SignedOperations.Contains(name))
            {
                await SendAsync("signature.bad", op, own, r =>
                {
                    r.Headers.Authorization = new AuthenticationHeaderValue("Device", phoneSession);
                    r.Headers.TryAddWithoutValidation("PushAuth-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    r.Headers.TryAddWithoutValidation("PushAuth-Nonce", "n-" + Guid.NewGuid().ToString("N"));
                    r.Headers.TryAddWithoutValidation("PushAuth-Signature", "AAAA");
                    return Task.CompletedTask;
                }, Json(validText));
                foreach (var bad in new[] { "{\"pushToken\":", "[]", "{\"x\":1}" })
                {
                    counts["signature.valid-bad-body"] = counts.GetValueOrDefault("signature.valid-bad-body") + 1;
                    using var signed = await phone.SendSignedBytesAsync(new HttpMethod(op.Method), own, Encoding.UTF8.GetBytes(bad), "application/json");
                    await CheckAsync("signature.valid-bad-body", op, own, signed, failures, declared);
                }
            }
        }

        var after = await SnapshotAsync(a, b, phone, aliceChallenge, bobChallenge);
        var elapsed = DateTimeOffset.UtcNow - started;
        output.WriteLine($"{operations.Count} operations from /openapi/v1.json, {counts.Values.Sum()} requests in {elapsed.TotalSeconds:F1} s:");
        foreach (var (kind, count) in counts)
        {
            output.WriteLine($"  {kind,-26} {count,6}");
        }
        foreach (var failure in failures.Take(50))
        {
            output.WriteLine("FAIL " + failure);
        }
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations found in the document");
        var undeclared = declared.Undeclared();
        output.WriteLine($"{declared.Count} distinct (operation, status, code) answers, each checked against the document");
        output.WriteLine(undeclared);
        Assert.Empty(failures);
        Assert.True(undeclared.Length == 0, $"problem codes answered but not declared on the operation's status (x-problem-codes):\n{undeclared}");
        foreach (var (what, value) in before)
        {
            Assert.True(value == after[what], $"{what} changed:\n before {value}\n after  {after[what]}");
        }
    }

    private static async Task CheckAsync(string kind, Operation op, string path, HttpResponseMessage response, List<string> failures, DeclaredProblemCodes declared)
    {
        var status = (int)response.StatusCode;
        var where = $"{kind} {op.Method} {(path.Length > 80 ? path[..80] + "…" : path)}";
        if (status >= 500)
        {
            failures.Add($"{where}: {status} {await response.Content.ReadAsStringAsync()}");
            return;
        }
        if (status < 400)
        {
            return;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{where}: {status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
            return;
        }
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (problem?["code"]?.GetValue<string>() is not { Length: > 0 } code)
        {
            failures.Add($"{where}: {status} problem without a code");
            return;
        }
        declared.Record(op.Method, op.Template, status, code, where);
    }

    /// <summary>The state a write could change, for both tenants; compared as JSON text before and after.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(Scenario a, Scenario b, DeviceClient phone, string aliceChallenge, string bobChallenge)
    {
        async Task<string> Read(HttpClient client, string path) => (await client.GetFromJsonAsync<JsonElement>(path)).GetRawText();
        var device = a.Client(0, null);
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", await phone.SessionAsync());
        return new(StringComparer.Ordinal)
        {
            ["acme settings"] = await Read(a.Admin, "/v1/admin/settings"),
            ["acme api-keys"] = await Read(a.Admin, "/v1/admin/api-keys"),
            ["acme console-admins"] = JsonSerializer.Serialize(await a.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IConsoleAdminsGrain>(a.TenantId).GetAsync()),
            ["acme alice methods"] = await Read(a.Login, "/v1/users/alice/methods"),
            ["acme alice rules"] = await Read(a.Login, "/v1/users/alice/auto-approve-rules"),
            ["acme alice push-status"] = await Read(a.Login, "/v1/users/alice/push-status"),
            ["acme alice challenge"] = await Read(a.Login, $"/v1/challenges/{aliceChallenge}"),
            ["acme device"] = await Read(device, "/v1/device"),
            ["acme device challenges"] = await Read(device, "/v1/device/challenges"),
            ["globex settings"] = await Read(b.Admin, "/v1/admin/settings"),
            ["globex api-keys"] = await Read(b.Admin, "/v1/admin/api-keys"),
            ["globex bob methods"] = await Read(b.Login, "/v1/users/bob/methods"),
            ["globex bob challenge"] = await Read(b.Login, $"/v1/challenges/{bobChallenge}"),
        };
    }

    private static IEnumerable<Operation> Operations(JsonObject doc)
    {
        foreach (var (template, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }
                var schema = node!["requestBody"]?["content"]?["application/json"]?["schema"];
                yield return new Operation(method.ToUpperInvariant(), template, node["operationId"]?.GetValue<string>(), schema is null ? null : Resolve(doc, schema),
                    node["requestBody"]?["required"]?.GetValue<bool>() == true);
            }
        }
    }

    /// <summary>The caller an operation expects: a device session, the admin key or the login-service key.</summary>
    private static Func<HttpRequestMessage, Task> CallerOf(Operation op, Scenario a, string phoneSession)
    {
        var scheme = op.Template.StartsWith("/v1/device/", StringComparison.Ordinal) || op.Template == "/v1/device" ? ("Device", phoneSession)
            : op.Template.StartsWith("/v1/admin", StringComparison.Ordinal) ? ("Bearer", a.Admin.DefaultRequestHeaders.Authorization!.Parameter!)
            : op.Template.StartsWith("/v1/devices", StringComparison.Ordinal) || op.Template.StartsWith("/console", StringComparison.Ordinal) ? default
            : ("Bearer", a.Login.DefaultRequestHeaders.Authorization!.Parameter!);
        return r =>
        {
            if (scheme.Item1 is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue(scheme.Item1, scheme.Item2);
            }
            return Task.CompletedTask;
        };
    }

    private static string Fill(string template, Func<string, string> value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                var v = value(template[(i + 1)..end]);
                result.Append(v.Contains('%', StringComparison.Ordinal) ? v : Uri.EscapeDataString(v));
                i = end;
            }
            else
            {
                result.Append(template[i]);
            }
        }
        return result.ToString();
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

    private static string? TypeOf(JsonObject doc, JsonNode schema)
    {
        var s = Resolve(doc, schema);
        var type = s["type"];
        var name = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") : type?.GetValue<string>();
        return name ?? (s["properties"] is not null ? "object" : s["enum"] is not null ? "string" : null);
    }

    private static bool IsString(JsonObject doc, JsonNode schema) => TypeOf(doc, schema) == "string";

    /// <summary>A plausible body: every property with a value of its type (not meant to succeed, only to be well-formed).</summary>
    private static JsonObject Sample(JsonObject doc, JsonObject schema, int depth)
    {
        var body = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            body[name] = TypeOf(doc, property!) switch
            {
                "string" => Resolve(doc, property!)["enum"]?.AsArray().FirstOrDefault()?.DeepClone() ?? "x",
                "integer" or "number" => 1,
                "boolean" => true,
                "array" => new JsonArray(),
                "object" when depth < 3 => Sample(doc, Resolve(doc, property!), depth + 1),
                _ => null,
            };
        }
        return body;
    }

    private static JsonNode WrongType(JsonObject doc, JsonNode schema) => TypeOf(doc, schema) switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("12"),
        "boolean" => JsonValue.Create("yes"),
        "array" => new JsonObject { ["a"] = 1 },
        "object" => JsonValue.Create("text"),
        _ => new JsonArray(1, 2),
    };

    private static string WithExtra(JsonObject valid)
    {
        var extra = valid.DeepClone().AsObject();
        extra["isAdmin"] = true;
        return extra.ToJsonString();
    }
}
