using System.Net;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Authentication schemes are case-insensitive (RFC 9110 §11.1).</summary>
public sealed class AuthSchemeTests
{
    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task ApiKey_SchemeInAnyCase_Accepted(string scheme)
    {
        await using var s = await Scenario.SqliteAsync();
        var client = s.Client(0, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/alice/methods");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {s.Login.DefaultRequestHeaders.Authorization!.Parameter}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("device")]
    [InlineData("DEVICE")]
    public async Task DeviceSession_SchemeInAnyCase_Accepted(string scheme)
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        var token = await phone.SessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/device");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        using var response = await s.Client(0, null).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearerpak_x")]
    [InlineData("Basic pak_x")]
    [InlineData("Bearer ")]
    public async Task ApiKey_OtherSchemeOrNoCredentials_401(string header)
    {
        await using var s = await Scenario.SqliteAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/alice/methods");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await s.Client(0, null).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
