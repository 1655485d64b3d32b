using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Apns;

/// <summary>The fake APNs's own checks, over raw HTTP/2 with TLS.</summary>
public sealed class FakeApnsServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeApnsServer _server = null!;
    private HttpClient _client = null!;
    private ECDsa _key = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApnsServer.StartAsync(new FakeApnsServerOptions { TimeProvider = _time });
        _key = ECDsa.Create();
        _key.ImportFromPem(_server.SigningKeyPem);
        _client = NewClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _key.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("apns-topic", null, "MissingTopic")]
    [InlineData("apns-topic", "com.other.app", "BadTopic")]
    [InlineData("apns-priority", "7", "BadPriority")]
    [InlineData("apns-push-type", "telegram", "InvalidPushType")]
    [InlineData("apns-expiration", "tomorrow", "BadExpirationDate")]
    [InlineData("apns-collapse-id", "0123456789012345678901234567890123456789012345678901234567890123456789", "BadCollapseId")]
    [InlineData("apns-id", "not-a-uuid", "BadMessageId")]
    public async Task Post_BadHeader_400WithReason(string header, string? value, string reason)
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));
        request.Headers.Remove(header);
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        var (status, actual) = await SendAsync(request);

        Assert.Equal(400, status);
        Assert.Equal(reason, actual);
    }

    [Fact]
    public async Task Post_RepeatedHeader_DuplicateHeaders()
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));
        request.Headers.TryAddWithoutValidation("apns-priority", "5");

        Assert.Equal((400, "DuplicateHeaders"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_NoAuthorization_MissingProviderToken()
    {
        using var request = NewRequest(TestMessages.IosToken, jwt: null);

        Assert.Equal((403, "MissingProviderToken"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_TokenSignedByOtherKey_InvalidProviderToken()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow(), other));

        Assert.Equal((403, "InvalidProviderToken"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_TokenOlderThanOneHour_ExpiredProviderToken()
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow().AddMinutes(-61)));

        Assert.Equal((403, "ExpiredProviderToken"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_NewTokenOnSameConnectionWithin20Minutes_TooManyProviderTokenUpdates()
    {
        using (var first = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow())))
        {
            Assert.Equal((200, null), await SendAsync(first));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        using var second = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));

        Assert.Equal((429, "TooManyProviderTokenUpdates"), await SendAsync(second));
    }

    [Fact]
    public async Task Post_NewTokenOnNewConnection_Accepted()
    {
        using (var first = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow())))
        {
            Assert.Equal((200, null), await SendAsync(first));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        using var client = NewClient();
        using var second = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));

        Assert.Equal((200, null), await SendAsync(second, client));
    }

    [Fact]
    public async Task Post_EmptyBody_PayloadEmpty()
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()), body: "");

        Assert.Equal((400, "PayloadEmpty"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_BodyOver4096Bytes_413PayloadTooLarge()
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()), body: "{\"aps\":{},\"x\":\"" + new string('x', 4100) + "\"}");

        Assert.Equal((413, "PayloadTooLarge"), await SendAsync(request));
    }

    [Fact]
    public async Task Post_NonHexDeviceToken_BadDeviceToken()
    {
        using var request = NewRequest("not-hex-at-all", Jwt(_time.GetUtcNow()));

        Assert.Equal((400, "BadDeviceToken"), await SendAsync(request));
    }

    [Fact]
    public async Task Request_WrongMethodOrPath_405Or404()
    {
        using var get = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));
        get.Method = HttpMethod.Get;
        get.Content = null;
        using var badPath = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));
        badPath.RequestUri = new Uri(_server.BaseAddress, "3/devices/" + TestMessages.IosToken);

        Assert.Equal((405, "MethodNotAllowed"), await SendAsync(get));
        Assert.Equal((404, "BadPath"), await SendAsync(badPath));
    }

    [Fact]
    public async Task Post_Valid_200EmptyBodyEchoingApnsId()
    {
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));
        var apnsId = Guid.NewGuid().ToString("D");
        request.Headers.TryAddWithoutValidation("apns-id", apnsId);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(apnsId, response.Headers.GetValues("apns-id").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_Unregistered_410WithMillisecondTimestamp()
    {
        _server.Script(TestMessages.IosToken, ApnsOutcome.Unregistered);
        using var request = NewRequest(TestMessages.IosToken, Jwt(_time.GetUtcNow()));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), json.RootElement.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task Connect_Http11_Refused()
    {
        using var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = _server.CertificateValidationCallback } };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, "3/device/" + TestMessages.IosToken))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent("{}"),
        };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(0, _server.Counter.Total);
    }

    private HttpClient NewClient() => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = _server.CertificateValidationCallback },
    });

    private HttpRequestMessage NewRequest(string deviceToken, string? jwt, string body = """{"aps":{"alert":"hi"}}""")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, "3/device/" + deviceToken))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", jwt);
        }

        request.Headers.TryAddWithoutValidation("apns-topic", _server.BundleId);
        request.Headers.TryAddWithoutValidation("apns-push-type", "alert");
        request.Headers.TryAddWithoutValidation("apns-priority", "10");
        return request;
    }

    private async Task<(int Status, string? Reason)> SendAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        using var response = await (client ?? _client).SendAsync(request);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.GetProperty("reason").GetString());
    }

    private string Jwt(DateTimeOffset issuedAt, ECDsa? key = null)
    {
        static string Encode(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var input = Encode(new { alg = "ES256", kid = _server.KeyId }) + "." + Encode(new { iss = _server.TeamId, iat = issuedAt.ToUnixTimeSeconds() });
        var signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }
}
