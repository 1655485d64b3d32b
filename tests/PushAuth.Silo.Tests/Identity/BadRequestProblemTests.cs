using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Every 400 the framework raises (JSON syntax, wrong types, unknown fields, bad route values) is problem+json
/// with a stable code naming the field; none is a bare "Bad Request" (issue 12 item 8).</summary>
public sealed class BadRequestProblemTests
{
    [Theory]
    [InlineData("{\"userId\":", "body.malformed-json", null)]
    [InlineData("[1,2]", "body.invalid", null)]
    [InlineData("{\"userId\":42}", "userId.invalid", "userId")]
    [InlineData("{\"userId\":\"alice\",\"context\":{\"service\":[1]}}", "context.service.invalid", "context.service")]
    [InlineData("{\"userId\":\"alice\",\"numberMatching\":\"yes\"}", "numberMatching.invalid", "numberMatching")]
    public async Task CreateChallenge_BadBody_NamesTheFieldAndProblem(string body, string code, string? field)
    {
        await using var s = await Scenario.SqliteAsync();

        using var response = await s.Login.PostAsync("/v1/challenges", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is null)
        {
            Assert.False(problem.TryGetProperty("field", out _));
        }
        else
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task UnknownRouteAndMethod_ProblemJsonWithCode()
    {
        await using var s = await Scenario.SqliteAsync();

        using var missing = await s.Login.GetAsync("/v1/no-such-thing");
        using var method = await s.Login.PatchAsync("/v1/challenges", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("route.not-found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(405, (int)method.StatusCode);
        Assert.Equal("route.method-not-allowed", (await method.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
