using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Enums are taken by name only, and only defined values: an undefined API key role once acted as every role.</summary>
public sealed class EnumInputTests
{
    [Theory]
    [InlineData("12345")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("\"1\"")]
    [InlineData("\"12345\"")]
    [InlineData("\"Root\"")]
    public async Task CreateApiKey_UndefinedOrNumericRole_400AndNoKey(string role)
    {
        await using var s = await Scenario.SqliteAsync();
        var before = (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).GetArrayLength();

        using var response = await s.Admin.PostAsync("/v1/admin/api-keys",
            new StringContent($"{{\"role\":{role},\"name\":\"probe\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).GetArrayLength());
    }

    [Fact]
    public async Task CreateApiKey_DefinedRoleByName_Created()
    {
        await using var s = await Scenario.SqliteAsync();

        using var response = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role = "Admin", name = "delegate" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Admin", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Answer_IntegerDenyReason_400AndStillPending()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.CreateChallengeAsync("alice");
        var challenge = Assert.Single(await phone.PullAsync());
        var signature = phone.Key.SignToBase64Url(CanonicalChallengeAnswer.Build(challenge.ChallengeId, challenge.Nonce, "deny", null, null, phone.DeviceId!));

        using var response = await phone.SendAsync(HttpMethod.Post, $"/v1/device/challenges/{challenge.ChallengeId}/answer",
            JsonDocument.Parse($"{{\"decision\":\"deny\",\"reason\":99,\"nonce\":\"{challenge.Nonce}\",\"signature\":\"{signature}\"}}").RootElement);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Pending", (await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challenge.ChallengeId}")).GetProperty("status").GetString());
    }
}
