using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PushAuth.Push.Fakes.Internal;

namespace PushAuth.Push.Fakes;

/// <summary>
/// A faithful local APNs provider API (PROTOCOLS.md §5): HTTP/2 only over TLS (ALPN h2) with a self-signed certificate,
/// provider JWT checks (signature, age, updates per connection), header and body checks, scripted per-token outcomes,
/// latency, outage and a per-minute counter.
/// </summary>
public sealed partial class FakeApnsServer : IAsyncDisposable
{
    private const string DevicePathPrefix = "/3/device/";
    private static readonly TimeSpan ProviderTokenMaxAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinTokenUpdateInterval = TimeSpan.FromMinutes(20);
    private static readonly HashSet<string> PushTypes = ["alert", "background", "voip", "location", "complication", "fileprovider", "mdm", "liveactivity", "pushtotalk", "widgets", "controls"];
    private static readonly HashSet<string> SingleTokenHeaders = new(["apns-id", "apns-priority", "apns-push-type", "apns-expiration", "apns-topic"], StringComparer.OrdinalIgnoreCase);
    private static readonly string[] TopicSuffixes = ["", ".voip", ".complication", ".pushkit.fileprovider", ".push-type.liveactivity", ".location-query", ".voip-ptt"];

    private readonly FakeApnsServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ECDsa _defaultKey;
    private readonly ConcurrentDictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ApnsConnectionState> _connections = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private volatile OutageState? _outage;

    private FakeApnsServer(FakeApnsServerOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _defaultKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (options.SigningKeyPem is { } pem)
        {
            _defaultKey.ImportFromPem(pem);
        }

        RegisterSigningKey(options.TeamId, options.KeyId, _defaultKey);
        Certificate = options.Certificate ?? FakeCertificates.CreateSelfSigned(FakeCertificates.DefaultSubject, options.PublicHost is { } host ? [host] : []);
        Inbox = new FakeInbox<ApnsDelivery>(d => d.DeviceToken, options.InboxCapacity);
        Requests = new FakeInbox<ApnsRequestRecord>(r => r.DeviceToken, options.InboxCapacity);
        Counter = new PerMinuteCounter(options.TimeProvider);
        Connections.ConnectionClosed += id => _connections.TryRemove(id, out _);
    }

    /// <summary>The base address to configure as ApnsOptions.BaseAddress, e.g. https://127.0.0.1:7102/ (or the public host).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Team id of the generated key.</summary>
    public string TeamId => _options.TeamId;

    /// <summary>Key id of the generated key.</summary>
    public string KeyId => _options.KeyId;

    /// <summary>The accepted apns-topic.</summary>
    public string BundleId => _options.BundleId;

    /// <summary>The generated signing key as a .p8 file's content (PKCS#8 PEM).</summary>
    public string SigningKeyPem => _defaultKey.ExportPkcs8PrivateKeyPem();

    /// <summary>The server's self-signed certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The server certificate as PEM (no private key), for pinning.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>A validation callback that accepts exactly this fake's certificate.</summary>
    public RemoteCertificateValidationCallback CertificateValidationCallback =>
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    /// <summary>Accepted notifications.</summary>
    public FakeInbox<ApnsDelivery> Inbox { get; }

    /// <summary>Every request answered, with its status and reason.</summary>
    public FakeInbox<ApnsRequestRecord> Requests { get; }

    /// <summary>Scripted outcomes by device token.</summary>
    public ScriptedOutcomes<ApnsOutcome> Scripts { get; } = new();

    /// <summary>Requests per minute.</summary>
    public PerMinuteCounter Counter { get; }

    /// <summary>Connections accepted.</summary>
    public ConnectionStats Connections { get; } = new();

    /// <summary>Delay added before each request is answered (real time).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Starts the fake on <see cref="FakeApnsServerOptions.ListenAddress"/> (127.0.0.1 by default) with TLS, HTTP/2 only.</summary>
    public static async Task<FakeApnsServer> StartAsync(FakeApnsServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeApnsServer(options ?? new FakeApnsServerOptions());
        var (app, ports) = await FakeHost.StartAsync(
            server._options.ListenAddress,
            [(server._options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                FakeHost.CountConnections(listen, server.Connections);
                listen.Use(next => context =>
                {
                    server._connections[context.ConnectionId] = new ApnsConnectionState(context);
                    return next(context);
                });
                listen.UseHttps(server.Certificate);
            })
            ],
            server.HandleAsync,
            cancellationToken).ConfigureAwait(false);
        server._app = app;
        server.BaseAddress = FakeHost.PublicAddress(Uri.UriSchemeHttps, server._options.PublicHost, ports[0]);
        return server;
    }

    /// <summary>Accepts JWTs signed by <paramref name="publicKey"/> with this team and key id.</summary>
    public void RegisterSigningKey(string teamId, string keyId, ECDsa publicKey) => _keys[keyId] = new SigningKey(teamId, keyId, publicKey);

    /// <summary>Scripts an outcome for the next <paramref name="times"/> sends to <paramref name="deviceToken"/>.</summary>
    public void Script(string deviceToken, ApnsOutcome outcome, int times = int.MaxValue) => Scripts.Set(deviceToken, outcome, times);

    /// <summary>Turns the outage on (every send gets 503 ServiceUnavailable, with Retry-After when given) or off.</summary>
    public void SetOutage(bool enabled, string? retryAfter = null) => _outage = enabled ? new OutageState(retryAfter) : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _defaultKey.Dispose();
        Certificate.Dispose();
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsGet(request.Method) && path == "/_fake/messages")
        {
            var token = request.Query["token"].ToString();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(string.IsNullOrEmpty(token) ? Inbox.GetAll() : Inbox.Get(token)), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
        }

        Counter.Increment();
        var deviceToken = path.StartsWith(DevicePathPrefix, StringComparison.Ordinal) ? path[DevicePathPrefix.Length..] : null;
        var jwt = ReadBearer(request.Headers.Authorization);
        var apnsId = request.Headers["apns-id"] is { Count: 1 } id && UuidPattern().IsMatch(id.ToString()) ? id.ToString() : Guid.NewGuid().ToString("D");
        var (status, reason, outcome) = await CheckAsync(context, deviceToken, jwt, apnsId).ConfigureAwait(false);
        Requests.Add(new ApnsRequestRecord(deviceToken, jwt, context.Connection.Id, request.Protocol, status, reason));
        context.Response.StatusCode = status;
        context.Response.Headers["apns-id"] = apnsId;
        if (reason is null)
        {
            return;
        }

        if (outcome?.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (outcome is { CloseConnection: true } && _connections.TryGetValue(context.Connection.Id, out var state))
        {
            state.Connection?.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
        }

        context.Response.ContentType = "application/json";
        var body = outcome is { WithTimestamp: true }
            ? $"{{\"reason\":\"{reason}\",\"timestamp\":{_time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}"
            : $"{{\"reason\":\"{reason}\"}}";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Status, string? Reason, ApnsOutcome? Outcome)> CheckAsync(HttpContext context, string? deviceToken, string? jwt, string apnsId)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return (405, "MethodNotAllowed", null);
        }

        if (deviceToken is null || deviceToken.Contains('/', StringComparison.Ordinal))
        {
            return (404, "BadPath", null);
        }

        if (deviceToken.Length == 0)
        {
            return (400, "MissingDeviceToken", null);
        }

        if (_outage is { } outage)
        {
            var unavailable = outage.RetryAfter is null ? ApnsOutcome.ServiceUnavailable : ApnsOutcome.ServiceUnavailable.WithRetryAfter(outage.RetryAfter);
            return (unavailable.Status, unavailable.Reason, unavailable);
        }

        foreach (var header in request.Headers)
        {
            // Repeated fields arrive as several values; clients that fold them send one comma-joined value.
            var repeated = header.Value.Count > 1 || (SingleTokenHeaders.Contains(header.Key) && header.Value.ToString().Contains(',', StringComparison.Ordinal));
            if (repeated && (header.Key.StartsWith("apns-", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase)))
            {
                return (400, "DuplicateHeaders", null);
            }
        }

        var state = _connections.GetOrAdd(context.Connection.Id, _ => new ApnsConnectionState(null));
        if (CheckProviderToken(jwt, state) is { } tokenProblem)
        {
            return (403, tokenProblem, null);
        }

        var scripted = Scripts.Take(deviceToken);
        if (scripted is { Status: 403 })
        {
            // A rejected token is no longer "in use" on the connection, so replacing it is not an update.
            lock (state.Gate)
            {
                if (state.Token == jwt)
                {
                    state.Token = null;
                }
            }

            return (scripted.Status, scripted.Reason, scripted);
        }

        if (!RecordTokenUse(jwt!, state))
        {
            return (429, "TooManyProviderTokenUpdates", null);
        }

        if (CheckHeaders(request.Headers) is { } headerProblem)
        {
            return (400, headerProblem, null);
        }

        if (!IsHex(deviceToken))
        {
            return (400, "BadDeviceToken", null);
        }

        var payload = await ReadBodyAsync(request, _options.MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        if (payload is { Length: 0 })
        {
            return (400, "PayloadEmpty", null);
        }

        if (payload is null)
        {
            return (413, "PayloadTooLarge", null);
        }

        if (scripted is not null)
        {
            return (scripted.Status, scripted.Reason, scripted);
        }

        var headers = request.Headers;
        Inbox.Add(new ApnsDelivery(
            deviceToken,
            apnsId,
            headers["apns-topic"].ToString(),
            NullIfEmpty(headers["apns-push-type"].ToString()),
            NullIfEmpty(headers["apns-priority"].ToString()),
            NullIfEmpty(headers["apns-expiration"].ToString()),
            NullIfEmpty(headers["apns-collapse-id"].ToString()),
            Encoding.UTF8.GetString(payload),
            jwt!,
            context.Connection.Id,
            _time.GetUtcNow()));
        return (200, null, null);
    }

    private string? CheckProviderToken(string? jwt, ApnsConnectionState state)
    {
        if (string.IsNullOrEmpty(jwt))
        {
            return "MissingProviderToken";
        }

        var now = _time.GetUtcNow();
        long iat;
        lock (state.Gate)
        {
            iat = state.VerifiedToken == jwt ? state.VerifiedIat : -1;
        }

        if (iat < 0)
        {
            var parsed = Jwt.TryParse(jwt);
            if (parsed is null
                || parsed.HeaderString("alg") != "ES256"
                || parsed.HeaderString("kid") is not { } kid
                || !_keys.TryGetValue(kid, out var key)
                || parsed.ClaimString("iss") != key.TeamId
                || parsed.ClaimNumber("iat") is not { } claimedIat
                || parsed.Signature.Length != 64
                || !key.PublicKey.VerifyData(parsed.SigningInput, parsed.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return "InvalidProviderToken";
            }

            iat = claimedIat;
            lock (state.Gate)
            {
                state.VerifiedToken = jwt;
                state.VerifiedIat = iat;
            }
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (now - issuedAt > ProviderTokenMaxAge)
        {
            return "ExpiredProviderToken";
        }

        return issuedAt - now > TimeSpan.FromMinutes(10) ? "InvalidProviderToken" : null;
    }

    private bool RecordTokenUse(string jwt, ApnsConnectionState state)
    {
        var now = _time.GetUtcNow();
        lock (state.Gate)
        {
            if (state.Token == jwt || state.PreviousToken == jwt)
            {
                return true;
            }

            if (state.Token is not null && now - state.TokenSince < MinTokenUpdateInterval)
            {
                return false;
            }

            state.PreviousToken = state.Token;
            state.Token = jwt;
            state.TokenSince = now;
            return true;
        }
    }

    private string? CheckHeaders(IHeaderDictionary headers)
    {
        var topic = headers["apns-topic"].ToString();
        if (topic.Length == 0)
        {
            return "MissingTopic";
        }

        if (!TopicSuffixes.Any(suffix => topic == _options.BundleId + suffix))
        {
            return "BadTopic";
        }

        if (headers["apns-push-type"].ToString() is { Length: > 0 } pushType && !PushTypes.Contains(pushType))
        {
            return "InvalidPushType";
        }

        if (headers["apns-priority"].ToString() is { Length: > 0 } priority && priority is not ("10" or "5" or "1"))
        {
            return "BadPriority";
        }

        if (headers["apns-expiration"].ToString() is { Length: > 0 } expiration && !long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return "BadExpirationDate";
        }

        if (headers["apns-collapse-id"].ToString() is { Length: > 0 } collapseId && Encoding.UTF8.GetByteCount(collapseId) > 64)
        {
            return "BadCollapseId";
        }

        return headers["apns-id"].ToString() is { Length: > 0 } apnsId && !UuidPattern().IsMatch(apnsId) ? "BadMessageId" : null;
    }

    /// <summary>Reads the body; null when it exceeds <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.Buffer.Length > max)
            {
                reader.AdvanceTo(read.Buffer.End);
                return null;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static string? ReadBearer(string? authorization) =>
        authorization is not null && authorization.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;

    private static bool IsHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed record OutageState(string? RetryAfter);
}
