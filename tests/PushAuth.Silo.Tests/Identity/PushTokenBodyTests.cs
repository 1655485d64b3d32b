using System.Net;
using System.Text;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>A signed push-token update with a body that is not JSON answers 415/400 problem+json, never 500, and changes nothing.</summary>
public sealed class PushTokenBodyTests
{
    [Theory]
    [InlineData(null, "{\"pushProvider\":\"fcm\",\"pushToken\":\"t1\"}", 415)]
    [InlineData("text/plain", "{\"pushProvider\":\"fcm\",\"pushToken\":\"t1\"}", 415)]
    [InlineData("application/json", "{\"pushProvider\":", 400)]
    [InlineData("application/json", "", 400)]
    [InlineData("application/json", "null", 400)]
    [InlineData("application/json", "[1,2]", 400)]
    public async Task UpdatePushToken_SignedButNotJson_4xxProblemAndTokenUnchanged(string? contentType, string body, int expected)
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();

        using var response = await phone.SendSignedBytesAsync(HttpMethod.Put, "/v1/device/push-token", Encoding.UTF8.GetBytes(body), contentType);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("dev", (await phone.ListAccountsAsync()).PushProvider);
    }

    [Theory]
    [InlineData("{\"pushProvider\":\"dev\"}", "pushToken.missing")]
    [InlineData("{\"pushProvider\":\"fcm\"}", "pushToken.missing")]
    [InlineData("{\"pushToken\":\"t1\"}", "pushProvider.missing")]
    [InlineData("{}", "pushProvider.missing")]
    public async Task UpdatePushToken_SignedWithoutAField_400NamingItAndNothingChanged(string body, string code)
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();

        // A validly signed update that names no token used to answer 204 and change nothing: a client bug hidden.
        using var response = await phone.SendSignedBytesAsync(HttpMethod.Put, "/v1/device/push-token", Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal("dev", (await phone.ListAccountsAsync()).PushProvider);
    }
}
