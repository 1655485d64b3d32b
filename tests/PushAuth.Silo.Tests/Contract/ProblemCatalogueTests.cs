using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PushAuth.Abstractions;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>The problem-code catalogue is published in the OpenAPI document, and what the API answers is in it.</summary>
public sealed class ProblemCatalogueTests
{
    [Fact]
    public async Task OpenApi_PublishesEveryCodeWithItsStatus_AndRefusalsComeFromIt()
    {
        await using var s = await Scenario.SqliteAsync();
        var anonymous = s.Client(0, null);
        var doc = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var published = doc["x-problem-codes"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var codes = published.Where(p => p["code"] is not null).ToDictionary(p => (p["code"]!.GetValue<string>(), p["status"]!.GetValue<int>()), p => p["title"]!.GetValue<string>());

        Assert.Equal(ProblemCodes.All.Count, codes.Count);
        Assert.Contains(("challenge.not-found", 404), codes.Keys);
        Assert.Contains(("push.blocked", 423), codes.Keys);
        Assert.Contains(("signature.invalid", 400), codes.Keys);
        Assert.Contains(("signature.invalid", 401), codes.Keys);
        Assert.Contains(published, p => p["pattern"]?.GetValue<string>() == "{field}.invalid" && p["status"]?.GetValue<int>() == 400);

        // Refusals from a grain, an endpoint and the framework: each code and status is a published one, with its title.
        foreach (var (response, field) in new (HttpResponseMessage, bool)[]
        {
            (await s.Login.GetAsync("/v1/challenges/ch_AAAAAAAAAAAAAAAAAAAAAA"), false),
            (await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "nobody", context = new { service = "Mail", action = "Sign in" } }), false),
            (await anonymous.GetAsync("/v1/admin/settings"), false),
            (await s.Login.PostAsJsonAsync("/v1/users/bad%20id/totp/verify", new { code = "123456" }), true),
        })
        {
            using (response)
            {
                var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                var code = problem["code"]!.GetValue<string>();
                if (field)
                {
                    Assert.EndsWith(".invalid", code, StringComparison.Ordinal);
                    continue;
                }
                Assert.True(codes.TryGetValue((code, (int)response.StatusCode), out var title), $"{(int)response.StatusCode} {code} is not published");
                Assert.Equal(title, problem["title"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Answer_RejectedAnswer_ProblemFromTheRejection()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();

        using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/challenges/ch_AAAAAAAAAAAAAAAAAAAAAA/answer",
            new { decision = "approve", nonce = "n", signature = "s" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("challenge.not-found", (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }
}
