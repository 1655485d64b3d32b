using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>The unknown-phrase limit is per tenant and client address (the forwarded one behind a trusted proxy), and a
/// valid phrase always goes through.</summary>
public sealed class PairingRateLimitTests
{
    private static async Task FailTenTimesAsync(HttpClient login, string? forwardedFor = null)
    {
        for (var i = 0; i < 11; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pairings") { Content = JsonContent.Create(new { phrase = "apple-river-stone-cloud", userId = "mallory", serviceName = "Mail" }) };
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
            (await login.SendAsync(request)).Dispose();
        }
    }

    private static async Task<HttpResponseMessage> ClaimAsync(HttpClient login, string phrase, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pairings") { Content = JsonContent.Create(new { phrase, userId = "alice", serviceName = "Mail" }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await login.SendAsync(request);
    }

    [Fact]
    public async Task Claim_OtherTenantFailedFromSameAddress_ValidPhraseClaimed()
    {
        await using var s = await Scenario.SqliteAsync();
        var other = await s.OtherTenantAsync("globex");
        var (_, phrase) = await (await s.DeviceAsync()).RequestPairingPhraseAsync();
        await FailTenTimesAsync(other.Login);

        using var claim = await ClaimAsync(s.Login, phrase);

        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
    }

    [Fact]
    public async Task Claim_OverTheLimit_UnknownPhrase429ButValidPhraseClaimed()
    {
        await using var s = await Scenario.SqliteAsync();
        var (_, phrase) = await (await s.DeviceAsync()).RequestPairingPhraseAsync();
        await FailTenTimesAsync(s.Login);

        using var unknown = await ClaimAsync(s.Login, "apple-river-stone-maple");
        using var valid = await ClaimAsync(s.Login, phrase);

        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.NotNull(unknown.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task Claim_BehindTrustedProxy_LimitAndAuditUseTheForwardedClient()
    {
        await using var s = await Scenario.SqliteAsync(configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Silo:TrustedProxies:0"] = "127.0.0.1" }));
        await FailTenTimesAsync(s.Login, "198.51.100.1");

        using var sameClient = await ClaimAsync(s.Login, "apple-river-stone-maple", "198.51.100.1");
        using var otherClient = await ClaimAsync(s.Login, "apple-river-stone-maple", "198.51.100.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);
        var audit = await s.AuditAsync("action=pairing.claim", a => a.Any(e => e.GetProperty("sourceIp").GetString() == "198.51.100.2"));
        Assert.Contains(audit, e => e.GetProperty("sourceIp").GetString() == "198.51.100.1");
        Assert.DoesNotContain(audit, e => e.GetProperty("sourceIp").GetString() == "127.0.0.1");
    }

    [Fact]
    public async Task Claim_ForwardedHeaderWithoutTrustedProxy_Ignored()
    {
        await using var s = await Scenario.SqliteAsync();
        await FailTenTimesAsync(s.Login, "198.51.100.1");

        using var spoofed = await ClaimAsync(s.Login, "apple-river-stone-maple", "198.51.100.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        var audit = await s.AuditAsync("action=pairing.claim", a => a.Count > 0);
        Assert.All(audit, e => Assert.Equal("127.0.0.1", e.GetProperty("sourceIp").GetString()));
    }
}
