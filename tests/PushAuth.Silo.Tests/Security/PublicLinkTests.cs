using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Security;

/// <summary>Links sent to people are built from <c>PushAuth:Silo:PublicUrl</c> only, and outside Development requests
/// that name another host are refused: a device cannot start a verification of someone's email with
/// <c>Host: login.evil.example</c> and have the genuine mail link there.</summary>
public sealed class PublicLinkTests
{
    private static HttpRequestMessage WithHost(HttpMethod method, string path, string host, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Host = host;
        return request;
    }

    [Fact]
    public async Task StartVerification_AttackerHostHeader_400HostNotAllowedAndNoMessage()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        using var request = WithHost(HttpMethod.Post, "/v1/device/contact-verifications", "login.evil.example", new { channel = "email", address = "victim@example.com" });
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", await device.SessionAsync());

        using var response = await s.Silos[0].Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("host.not-allowed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(await device.ReadDevInboxAsync());
    }

    [Fact]
    public async Task StartVerification_AnotherAllowedHost_LinkStillOnThePublicUrl()
    {
        // An internal name the operator allows (a Kubernetes Service, say): requests through it work, links do not use it.
        await using var s = await Scenario.SqliteAsync(silo: new Dictionary<string, string?>
        {
            ["PushAuth:Silo:PublicUrl"] = "https://login.example.com", ["PushAuth:Silo:AllowedHosts:0"] = "127.0.0.1", ["PushAuth:Silo:AllowedHosts:1"] = "pushauth.internal",
        });
        var device = await s.DeviceAsync();
        using var request = WithHost(HttpMethod.Post, "/v1/device/contact-verifications", "pushauth.internal", new { channel = "email", address = "victim@example.com" });
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", await device.SessionAsync());

        using var response = await s.Silos[0].Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await device.ReadDevInboxAsync());
        Assert.StartsWith("https://login.example.com/app/verify-contact#t=", message.Link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairingOffer_AttackerHostHeader_Refused_AndTheOfferNamesThePublicUrl()
    {
        await using var s = await Scenario.SqliteAsync();
        using var evil = WithHost(HttpMethod.Post, "/v1/pairing-offers", "login.evil.example", new { userId = "alice", serviceName = "Acme" });
        evil.Headers.Authorization = s.Login.DefaultRequestHeaders.Authorization;
        using var refused = await s.Silos[0].Client.SendAsync(evil);
        using var offer = await s.Login.PostAsJsonAsync("/v1/pairing-offers", new { userId = "alice", serviceName = "Acme" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var uri = (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uri").GetString()!;
        Assert.Contains("&server=" + Uri.EscapeDataString(s.Silos[0].BaseAddress.ToString().TrimEnd('/')) + "&", uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEndpoints_AnyHost_Answer()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();

        using var live = await silo.Client.SendAsync(WithHost(HttpMethod.Get, "/healthz", "10.1.2.3:8080"));
        using var ready = await silo.Client.SendAsync(WithHost(HttpMethod.Get, "/readyz", "10.1.2.3:8080"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutPublicUrl_RefusedNamingIt()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?> { ["PushAuth:Silo:PublicUrl"] = "" }));

        Assert.Contains("PushAuth:Silo:PublicUrl is required outside Development", StartupFailure.Describe(error) ?? error.ToString(), StringComparison.Ordinal);
    }
}
