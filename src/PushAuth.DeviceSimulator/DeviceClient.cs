using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PushAuth.Security;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// What the authenticator app does over HTTP: holds a P-256 key pair (the private key never leaves it),
/// registers, opens a session by signing a server nonce, pairs, pulls and answers challenges with signatures.
/// </summary>
public sealed partial class DeviceClient(HttpClient http, DeviceKeyPair key) : IDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    private string? _session;
    private DateTimeOffset _sessionExpires;

    public DeviceKeyPair Key { get; } = key;

    public string? DeviceId { get; private set; }

    /// <summary>Acts as an already registered device.</summary>
    public void UseDevice(string deviceId) => DeviceId = deviceId;

    /// <summary>Registers the device; returns its id.</summary>
    public async Task<string> RegisterAsync(string platform = "android", string pushProvider = "dev", string? pushToken = null, string displayName = "Test phone", CancellationToken cancellationToken = default)
    {
        using var nonceResponse = await http.PostAsync("/v1/devices/registration-nonce", null, cancellationToken);
        var nonce = (await ReadAsync<JsonElement>(nonceResponse, cancellationToken)).GetProperty("nonce").GetString()!;
        var body = new
        {
            publicKey = Key.PublicKeySpki, platform, pushProvider, pushToken, appVersion = "1.0.0", displayName, nonce,
            proof = Key.SignToBase64Url($"PA2-REGISTER\n{nonce}\n{Key.PublicKeySpki}"),
        };
        using var response = await http.PostAsJsonAsync("/v1/devices", body, Json, cancellationToken);
        var info = await ReadAsync<JsonElement>(response, cancellationToken);
        DeviceId = info.GetProperty("deviceId").GetString();
        return DeviceId!;
    }

    /// <summary>Opens a fresh session (forgetting any cached one); returns the token.</summary>
    public Task<string> OpenSessionAsync(CancellationToken cancellationToken = default)
    {
        _session = null;
        return SessionAsync(cancellationToken);
    }

    /// <summary>Opens (or reuses) a session: signs a server nonce once, then sends an HMAC token.</summary>
    public async Task<string> SessionAsync(CancellationToken cancellationToken = default)
    {
        if (_session is not null && _sessionExpires > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return _session;
        }
        using var nonceResponse = await http.PostAsync($"/v1/devices/{DeviceId}/session-nonce", null, cancellationToken);
        var nonce = (await ReadAsync<JsonElement>(nonceResponse, cancellationToken)).GetProperty("nonce").GetString()!;
        using var sessionResponse = await http.PostAsJsonAsync($"/v1/devices/{DeviceId}/sessions",
            new { nonce, signature = Key.SignToBase64Url($"PA1-SESSION\n{DeviceId}\n{nonce}") }, Json, cancellationToken);
        var session = await ReadAsync<JsonElement>(sessionResponse, cancellationToken);
        _session = session.GetProperty("token").GetString();
        _sessionExpires = session.GetProperty("expiresAt").GetDateTimeOffset();
        return _session!;
    }

    /// <summary>Sends a request with the device session.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", await SessionAsync(cancellationToken));
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Sends a request signed with the device key (for sensitive operations).</summary>
    public Task<HttpResponseMessage> SendSignedAsync(HttpMethod method, string path, object? body = null, string? nonce = null, long? unixTime = null, CancellationToken cancellationToken = default) =>
        SendSignedBytesAsync(method, path, body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, Json), body is null ? null : "application/json", nonce, unixTime, cancellationToken);

    /// <summary>Sends raw body bytes, signed, with the given Content-Type (none when null): for testing what the server does with them.</summary>
    public async Task<HttpResponseMessage> SendSignedBytesAsync(HttpMethod method, string path, byte[]? body, string? contentType, string? nonce = null, long? unixTime = null,
        CancellationToken cancellationToken = default)
    {
        var bytes = body ?? [];
        var timestamp = unixTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        nonce ??= Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", await SessionAsync(cancellationToken));
        request.Headers.Add("PushAuth-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("PushAuth-Nonce", nonce);
        request.Headers.Add("PushAuth-Signature", Key.SignToBase64Url(CanonicalRequest.Build(method.Method, path, timestamp, bytes, DeviceId!, nonce)));
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Shows a pairing phrase.</summary>
    public async Task<(string PairingId, string Phrase)> RequestPairingPhraseAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/device/pairing-phrases", cancellationToken: cancellationToken);
        var body = await ReadAsync<JsonElement>(response, cancellationToken);
        return (body.GetProperty("pairingId").GetString()!, body.GetProperty("phrase").GetString()!);
    }

    /// <summary>Replaces the push route (a signed request).</summary>
    public async Task UpdatePushTokenAsync(string pushProvider, string pushToken, CancellationToken cancellationToken = default)
    {
        using var response = await SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", new { pushProvider, pushToken }, cancellationToken: cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Deregisters this device (a signed request); its pairings are removed everywhere.</summary>
    public async Task DeregisterAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendSignedAsync(HttpMethod.Delete, "/v1/device", cancellationToken: cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The device as the server knows it, with the accounts (tenant/user) it is paired with.</summary>
    public async Task<DeviceAccountList> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/device", cancellationToken: cancellationToken);
        return await ReadAsync<DeviceAccountList>(response, cancellationToken);
    }

    /// <summary>Pulls the pairing until a login service has claimed it (what the confirm-pairing push announces);
    /// null when <paramref name="timeout"/> passes first or the pairing ended.</summary>
    public async Task<DevicePairingRequest?> WaitForPairingRequestAsync(string pairingId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}", cancellationToken: cancellationToken);
            var request = await ReadAsync<DevicePairingRequest>(response, cancellationToken);
            if (request.Status != "AwaitingClaim")
            {
                return request.Status == "AwaitingDevice" ? request : null;
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Reads the pairing request and accepts or rejects it, signed.</summary>
    public async Task<HttpResponseMessage> ConfirmPairingAsync(string pairingId, bool accept, CancellationToken cancellationToken = default)
    {
        using var view = await SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}", cancellationToken: cancellationToken);
        var nonce = (await ReadAsync<JsonElement>(view, cancellationToken)).GetProperty("nonce").GetString()!;
        var decision = accept ? "accept" : "reject";
        return await SendAsync(HttpMethod.Post, $"/v1/device/pairings/{pairingId}/confirm",
            new { decision, signature = Key.SignToBase64Url(CanonicalPairingConfirmation.Build(pairingId, nonce, decision, DeviceId!)) }, cancellationToken);
    }

    /// <summary>Completes a QR offer from its <c>pushauth://enroll?…</c> URI.</summary>
    public Task<HttpResponseMessage> CompleteOfferAsync(string uri, CancellationToken cancellationToken = default)
    {
        var query = new Uri(uri).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return SendAsync(HttpMethod.Post, "/v1/device/pairing-offers/complete", new { offerId = query["offer"], credential = query["credential"] }, cancellationToken);
    }

    /// <summary>Asks for a location-based auto-approve rule from a challenge this device approved (a signed request).</summary>
    public Task<HttpResponseMessage> RequestAutoApproveRuleAsync(string challengeId, CancellationToken cancellationToken = default) =>
        SendSignedAsync(HttpMethod.Post, "/v1/device/auto-approve-rules", new { challengeId }, cancellationToken: cancellationToken);

    /// <summary>Pending challenges (pull).</summary>
    public async Task<IReadOnlyList<DeviceChallenge>> PullAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/device/challenges", cancellationToken: cancellationToken);
        return await ReadAsync<List<DeviceChallenge>>(response, cancellationToken);
    }

    /// <summary>Signs and sends an answer; returns the raw response.</summary>
    public Task<HttpResponseMessage> AnswerAsync(DeviceChallenge challenge, bool approve, string? number = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        var decision = approve ? "approve" : "deny";
        // The reason is signed as sent, lowercase: a captured decline cannot be turned into a fraud report.
        reason = reason?.ToLowerInvariant();
        var signature = Key.SignToBase64Url(CanonicalChallengeAnswer.Build(challenge.ChallengeId, challenge.Nonce, decision, number, reason, DeviceId!));
        return SendAsync(HttpMethod.Post, $"/v1/device/challenges/{challenge.ChallengeId}/answer",
            new { decision, numberAnswer = number, reason, nonce = challenge.Nonce, signature }, cancellationToken);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>Throws <see cref="HttpRequestException"/> with the problem body when <paramref name="response"/> failed.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await ProblemLineAsync(response, cancellationToken), null, response.StatusCode);
        }
    }

    /// <summary>A refusal in one line: <c>{status} {code}: {detail}</c> from problem+json, else the status and the start of the body.</summary>
    public static async Task<string> ProblemLineAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                var code = problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                    : problem.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (code is not null || detail is not null)
                {
                    return $"{status} {code}: {detail}".ReplaceLineEndings(" ");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status and the start of the body below.
        }
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? status : $"{status}: {(text.Length > 200 ? text[..200] + "…" : text)}";
    }

    public void Dispose() => Key.Dispose();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
