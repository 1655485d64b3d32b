using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PushAuth.Client.Internal;

namespace PushAuth.Client.Devices;

/// <summary>
/// What an authenticator app does over HTTP: holds a P-256 key pair (the private key never leaves it), registers, opens a
/// session by signing a server nonce, pairs, pulls and answers challenges with signatures, and signs sensitive requests.
/// Refusals surface as <see cref="PushAuthApiException"/> with the problem's stable code; the methods that return an
/// <see cref="HttpResponseMessage"/> hand back the raw answer (dispose it; read it with <see cref="ReadAsync"/>).
/// </summary>
/// <param name="http">The silo's base address, no credentials; the caller owns it.</param>
/// <param name="key">The device's key; the client owns it from here and disposes it with itself.</param>
/// <param name="timeProvider">The clock for signed-request timestamps, session renewal and polling; <see cref="TimeProvider.System"/> when null.</param>
public sealed partial class DeviceClient(HttpClient http, DeviceKeyPair key, TimeProvider? timeProvider = null) : IDisposable
{
    /// <summary>Web defaults, enums as strings, nulls omitted: the silo's wire format.</summary>
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private string? _session;
    private DateTimeOffset _sessionExpires;

    /// <summary>The device's key pair.</summary>
    public DeviceKeyPair Key { get; } = key;

    /// <summary>The device's id once registered (or set with <see cref="UseDevice"/>); null before.</summary>
    public string? DeviceId { get; private set; }

    /// <summary>Acts as an already registered device (the id the app stored with its key).</summary>
    /// <param name="deviceId">The id <see cref="RegisterAsync"/> returned.</param>
    public void UseDevice(string deviceId) => DeviceId = deviceId;

    /// <summary>Registers the device: its public key, proved by signing a fresh server nonce, and its push route.</summary>
    /// <param name="platform">The platform (<c>android</c>, <c>ios</c>, …).</param>
    /// <param name="pushProvider"><c>fcm</c>, <c>apns</c>, or <c>dev</c> (no push: the app pulls).</param>
    /// <param name="pushToken">The FCM registration token or APNs device token; null for <c>dev</c>.</param>
    /// <param name="displayName">The name login services and admins see.</param>
    /// <param name="appVersion">The app's version.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The device id (also in <see cref="DeviceId"/>).</returns>
    public async Task<string> RegisterAsync(string platform = "android", string pushProvider = "dev", string? pushToken = null, string displayName = "Test phone",
        string appVersion = "1.0.0", CancellationToken cancellationToken = default)
    {
        using var nonceResponse = await http.PostAsync("/v1/devices/registration-nonce", null, cancellationToken).ConfigureAwait(false);
        var nonce = Required(await ReadAsync<JsonElement>(nonceResponse, cancellationToken).ConfigureAwait(false), "nonce");
        var body = new
        {
            publicKey = Key.PublicKeySpki, platform, pushProvider, pushToken, appVersion, displayName, nonce,
            proof = Key.SignToBase64Url(SignedStrings.Registration(nonce, Key.PublicKeySpki)),
        };
        using var response = await http.PostAsJsonAsync("/v1/devices", body, Json, cancellationToken).ConfigureAwait(false);
        DeviceId = Required(await ReadAsync<JsonElement>(response, cancellationToken).ConfigureAwait(false), "deviceId");
        return DeviceId;
    }

    /// <summary>Opens a fresh session (forgetting any cached one); returns its token.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public Task<string> OpenSessionAsync(CancellationToken cancellationToken = default)
    {
        _session = null;
        return SessionAsync(cancellationToken);
    }

    /// <summary>The session token: reused while it has more than a minute left, else a new one (the device signs a server
    /// nonce once; later requests carry the token, <c>Authorization: Device …</c>).</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<string> SessionAsync(CancellationToken cancellationToken = default)
    {
        if (_session is not null && _sessionExpires > _time.GetUtcNow().AddMinutes(1))
        {
            return _session;
        }
        var deviceId = RegisteredId();
        using var nonceResponse = await http.PostAsync($"/v1/devices/{Uri.EscapeDataString(deviceId)}/session-nonce", null, cancellationToken).ConfigureAwait(false);
        var nonce = Required(await ReadAsync<JsonElement>(nonceResponse, cancellationToken).ConfigureAwait(false), "nonce");
        using var sessionResponse = await http.PostAsJsonAsync($"/v1/devices/{Uri.EscapeDataString(deviceId)}/sessions",
            new { nonce, signature = Key.SignToBase64Url(SignedStrings.Session(deviceId, nonce)) }, Json, cancellationToken).ConfigureAwait(false);
        var session = await ReadAsync<JsonElement>(sessionResponse, cancellationToken).ConfigureAwait(false);
        _session = Required(session, "token");
        _sessionExpires = session.GetProperty("expiresAt").GetDateTimeOffset();
        return _session;
    }

    /// <summary>Sends a request with the device session; returns the raw answer.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query, e.g. <c>/v1/device/challenges</c>.</param>
    /// <param name="body">Serialized as JSON when not null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", await SessionAsync(cancellationToken).ConfigureAwait(false));
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request signed with the device key, as sensitive operations require (push token, deregistration,
    /// auto-approve rules, backups): the session, plus <c>PushAuth-Timestamp</c>, <c>PushAuth-Nonce</c> and
    /// <c>PushAuth-Signature</c> over <c>PA1\n{METHOD}\n{path?query}\n{unix seconds}\n{base64url SHA-256 of body}\n{deviceId}\n{nonce}</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query, signed as given.</param>
    /// <param name="body">Serialized as JSON when not null; the signature covers the exact bytes sent.</param>
    /// <param name="nonce">The request nonce; a fresh random one when null.</param>
    /// <param name="unixTime">The timestamp in Unix seconds; the clock's now when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public Task<HttpResponseMessage> SendSignedAsync(HttpMethod method, string path, object? body = null, string? nonce = null, long? unixTime = null,
        CancellationToken cancellationToken = default) =>
        SendSignedBytesAsync(method, path, body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, Json), body is null ? null : "application/json", nonce, unixTime,
            cancellationToken);

    /// <summary>Sends raw body bytes, signed (see <see cref="SendSignedAsync"/>), with the given Content-Type (none when null).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query, signed as given.</param>
    /// <param name="body">The exact bytes to send and sign; no body when null.</param>
    /// <param name="contentType">The Content-Type of the body; none when null.</param>
    /// <param name="nonce">The request nonce; a fresh random one when null.</param>
    /// <param name="unixTime">The timestamp in Unix seconds; the clock's now when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<HttpResponseMessage> SendSignedBytesAsync(HttpMethod method, string path, byte[]? body, string? contentType, string? nonce = null, long? unixTime = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var deviceId = RegisteredId();
        var timestamp = unixTime ?? _time.GetUtcNow().ToUnixTimeSeconds();
        nonce ??= Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", await SessionAsync(cancellationToken).ConfigureAwait(false));
        request.Headers.Add("PushAuth-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("PushAuth-Nonce", nonce);
        request.Headers.Add("PushAuth-Signature", Key.SignToBase64Url(SignedStrings.Request(method.Method, path, timestamp, body ?? [], deviceId, nonce)));
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the key.</summary>
    public void Dispose() => Key.Dispose();

    private string RegisteredId() => DeviceId ?? throw new InvalidOperationException("The device is not registered: call RegisterAsync or UseDevice first.");

    private static string Required(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text
            : throw new InvalidOperationException($"The silo's answer has no '{name}'.");
}
