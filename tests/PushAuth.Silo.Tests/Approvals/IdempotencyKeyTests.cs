using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

/// <summary>An Idempotency-Key reused with another request is refused (422, as the IETF Idempotency-Key draft does).</summary>
public sealed class IdempotencyKeyTests
{
    private static async Task<HttpResponseMessage> CreateAsync(Scenario s, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/challenges") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await s.Login.SendAsync(request);
    }

    [Fact]
    public async Task Create_SameKeyDifferentBody_422AndTheFirstChallengeUnchanged()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        using var first = await CreateAsync(s, new { userId = "alice", context = new { service = "Mail", action = "Sign in" } }, "attempt-1");
        using var other = await CreateAsync(s, new { userId = "alice", context = new { service = "Mail", action = "Wire transfer" } }, "attempt-1");
        using var same = await CreateAsync(s, new { userId = "alice", context = new { service = "Mail", action = "Sign in" } }, "attempt-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal("idempotency.key-reused", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challengeId").GetString(),
            (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challengeId").GetString());
        Assert.Equal("Sign in", Assert.Single(await phone.PullAsync()).Context.GetProperty("action").GetString());
    }
}
