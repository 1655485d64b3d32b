using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Fcm;

/// <summary>The fake FCM's own checks, over raw HTTP/2.</summary>
public sealed class FakeFcmServerTests : IAsyncLifetime
{
    private FakeFcmServer _server = null!;
    private HttpClient _client = null!;
    private string _accessToken = "";

    public async Task InitializeAsync()
    {
        _server = await FakeFcmServer.StartAsync(new FakeFcmServerOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        _client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(_server.ServiceAccountJson).ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/firebase.messaging");
        _accessToken = await ((ITokenAccess)credential).GetAccessTokenForRequestAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"message":{"token":"t1","android":{"ttl":"2 minutes"}}}""", "message.android.ttl")]
    [InlineData("""{"message":{"token":"t1","android":{"ttl":"2419201s"}}}""", "message.android.ttl")]
    [InlineData("""{"message":{"token":"t1","android":{"ttl":"1.0000000001s"}}}""", "message.android.ttl")]
    [InlineData("""{"message":{"token":"t1","data":{"n":1}}}""", "message.data[0].value")]
    [InlineData("""{"message":{"token":"t1","topic":"news"}}""", "message")]
    [InlineData("""{"message":{"token":"t1","android":{"priority":"urgent"}}}""", "message.android.priority")]
    [InlineData("""{"message":{"token":"t1","bogus":1}}""", "message")]
    public async Task Send_InvalidBody_400InvalidArgumentNamingTheField(string body, string field)
    {
        using var response = await SendRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.TryGetProperty("fieldViolations", out var v) && v[0].GetProperty("field").GetString() == field);
        Assert.Equal(0, _server.Inbox.TotalCount);
    }

    [Fact]
    public async Task Send_DataOver4096Bytes_400()
    {
        var body = JsonSerializer.Serialize(new { message = new { token = "t1", data = new Dictionary<string, string> { ["k"] = new string('x', 4096) } } });

        using var response = await SendRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Send_NoTarget_400()
    {
        using var response = await SendRawAsync("""{"message":{"data":{"a":"b"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Send_CamelCaseAndUpperCasePriority_Accepted()
    {
        using var response = await SendRawAsync("""{"message":{"token":"t1","android":{"priority":"HIGH","collapseKey":"c1","ttl":"3.000000001s","restrictedPackageName":"com.x"}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(_server.Inbox.Get("t1"));
        Assert.Equal("c1", delivery.AndroidCollapseKey);
        Assert.Equal("HIGH", delivery.AndroidPriority);
    }

    [Fact]
    public async Task Send_ValidateOnly_SucceedsWithoutDelivering()
    {
        using var response = await SendRawAsync("""{"message":{"token":"t1"},"validate_only":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("fake_message_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Inbox.TotalCount);
    }

    [Fact]
    public async Task Send_MissingBearer_401UnauthenticatedWithoutDetails()
    {
        using var response = await SendRawAsync("""{"message":{"token":"t1"}}""", bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UNAUTHENTICATED", json.RootElement.GetProperty("error").GetProperty("status").GetString());
        Assert.False(json.RootElement.GetProperty("error").TryGetProperty("details", out _));
    }

    [Fact]
    public async Task Token_ForgedAssertion_InvalidGrant()
    {
        using var forger = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await PostAssertionAsync(SignAssertion(forger, _server.ClientEmail, _server.TokenEndpoint.AbsoluteUri, now, now + 3600));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _server.RejectedAssertionCount);
    }

    [Theory]
    [InlineData("https://attacker.example/token", 0, 3600)]
    [InlineData(null, 0, 3601)]
    [InlineData(null, -7200, -3600)]
    public async Task Token_BadAudienceOrLifetime_InvalidGrant(string? audience, long iatOffset, long expOffset)
    {
        using var key = RSA.Create();
        key.ImportFromPem(_server.ExportPrivateKeyPem());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await PostAssertionAsync(SignAssertion(key, _server.ClientEmail, audience ?? _server.TokenEndpoint.AbsoluteUri, now + iatOffset, now + expOffset));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_GenuineAssertion_AccessTokenIssued()
    {
        using var key = RSA.Create();
        key.ImportFromPem(_server.ExportPrivateKeyPem());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await PostAssertionAsync(SignAssertion(key, _server.ClientEmail, _server.TokenEndpoint.AbsoluteUri, now, now + 3600));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3599, json.RootElement.GetProperty("expires_in").GetInt32());
    }

    private async Task<HttpResponseMessage> SendRawAsync(string body, string? bearer = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, $"v1/projects/{_server.ProjectId}/messages:send"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Length == 0 ? _accessToken : bearer);
        }

        var response = await _client.SendAsync(request);
        Assert.Equal(new Version(2, 0), response.Version);
        return response;
    }

    private async Task<HttpResponseMessage> PostAssertionAsync(string assertion)
    {
        using var http1 = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = FakeFcmServer.JwtBearerGrantType, ["assertion"] = assertion });
        return await http1.PostAsync(_server.TokenEndpoint, form);
    }

    private static string SignAssertion(RSA key, string issuer, string audience, long iat, long exp)
    {
        static string Encode(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var input = Encode(new { alg = "RS256", typ = "JWT" }) + "." + Encode(new { iss = issuer, scope = "https://www.googleapis.com/auth/firebase.messaging", aud = audience, iat, exp });
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }
}
