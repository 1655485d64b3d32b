using System.Collections.Concurrent;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PushAuth.Push.Fakes.Internal;

namespace PushAuth.Push.Fakes;

/// <summary>
/// A faithful local FCM HTTP v1 (PROTOCOLS.md §5): an OAuth2 token endpoint checking the service-account assertion,
/// and messages:send with FCM's validation, error envelopes, scripted per-token outcomes, latency, outage and quota.
/// Plain HTTP on two ports: HTTP/2 with prior knowledge (<see cref="BaseAddress"/>) and HTTP/1.1 (<see cref="Http1BaseAddress"/>,
/// where the token endpoint is advertised because Google.Apis.Auth speaks HTTP/1.1 to it), as cleartext cannot negotiate both on one.
/// </summary>
public sealed class FakeFcmServer : IAsyncDisposable
{
    /// <summary>The OAuth2 grant type of the service-account flow.</summary>
    public const string JwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>The audience Google's token endpoint accepts besides its own URL.</summary>
    public const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private static readonly string[] AcceptedScopes = ["https://www.googleapis.com/auth/firebase.messaging", "https://www.googleapis.com/auth/cloud-platform"];

    private readonly FakeFcmServerOptions _options;
    private readonly TimeProvider _time;
    private readonly RSA _serviceAccountKey;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private long _messageSequence;
    private int _tokenRequests;
    private int _rejectedAssertions;
    private volatile OutageState? _outage;

    private FakeFcmServer(FakeFcmServerOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _serviceAccountKey = RSA.Create();
        if (options.ServiceAccountPrivateKeyPem is { } pem)
        {
            _serviceAccountKey.ImportFromPem(pem);
        }
        else
        {
            _serviceAccountKey.KeySize = 2048;
        }

        ClientEmail = $"fake-sender@{options.ProjectId}.iam.gserviceaccount.com";
        PrivateKeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        Inbox = new FakeInbox<FcmDelivery>(d => d.Token, options.InboxCapacity);
        Counter = new PerMinuteCounter(options.TimeProvider);
    }

    /// <summary>The base address to configure as FcmOptions.BaseAddress, e.g. http://127.0.0.1:7101/ (or the public host).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The same API over HTTP/1.1 (Google.Apis.Auth's token requests, curl without prior knowledge).</summary>
    public Uri Http1BaseAddress { get; private set; } = null!;

    /// <summary>The OAuth2 token endpoint (the service account's token_uri and the assertion's aud).</summary>
    public Uri TokenEndpoint { get; private set; } = null!;

    /// <summary>The project id served.</summary>
    public string ProjectId => _options.ProjectId;

    /// <summary>The service account's client_email (assertion iss).</summary>
    public string ClientEmail { get; }

    /// <summary>The service account's private_key_id.</summary>
    public string PrivateKeyId { get; }

    /// <summary>A service-account key file (JSON) whose token_uri points at this fake.</summary>
    public string ServiceAccountJson { get; private set; } = "";

    /// <summary>Accepted messages.</summary>
    public FakeInbox<FcmDelivery> Inbox { get; }

    /// <summary>Scripted outcomes by registration token.</summary>
    public ScriptedOutcomes<FcmOutcome> Scripts { get; } = new();

    /// <summary>Send requests per minute (every send request is counted, as FCM counts 4xx too).</summary>
    public PerMinuteCounter Counter { get; }

    /// <summary>Connections accepted.</summary>
    public ConnectionStats Connections { get; } = new();

    /// <summary>Delay added before each send is answered (real time).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Token requests received.</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    /// <summary>Token requests refused with invalid_grant.</summary>
    public int RejectedAssertionCount => Volatile.Read(ref _rejectedAssertions);

    /// <summary>Access tokens issued and not revoked.</summary>
    public int ActiveAccessTokenCount => _accessTokens.Count;

    /// <summary>Starts the fake on <see cref="FakeFcmServerOptions.ListenAddress"/> (127.0.0.1 by default).</summary>
    public static async Task<FakeFcmServer> StartAsync(FakeFcmServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeFcmServer(options ?? new FakeFcmServerOptions());
        Action<ListenOptions> Listen(HttpProtocols protocols) => listen =>
        {
            listen.Protocols = protocols;
            FakeHost.CountConnections(listen, server.Connections);
        };

        var (app, ports) = await FakeHost.StartAsync(
            server._options.ListenAddress,
            [(server._options.Port, Listen(HttpProtocols.Http2)), (server._options.Http1Port, Listen(HttpProtocols.Http1))],
            server.HandleAsync,
            cancellationToken).ConfigureAwait(false);
        server._app = app;
        server.BaseAddress = FakeHost.PublicAddress(Uri.UriSchemeHttp, server._options.PublicHost, ports[0]);
        server.Http1BaseAddress = FakeHost.PublicAddress(Uri.UriSchemeHttp, server._options.PublicHost, ports[1]);
        server.TokenEndpoint = new Uri(server.Http1BaseAddress, "token");
        server.ServiceAccountJson = server.CreateServiceAccountJson();
        return server;
    }

    /// <summary>Scripts an outcome for the next <paramref name="times"/> sends to <paramref name="registrationToken"/>.</summary>
    public void Script(string registrationToken, FcmOutcome outcome, int times = int.MaxValue) => Scripts.Set(registrationToken, outcome, times);

    /// <summary>Turns the outage on (every send gets 503 UNAVAILABLE, with Retry-After when given) or off.</summary>
    public void SetOutage(bool enabled, string? retryAfter = null) => _outage = enabled ? new OutageState(retryAfter) : null;

    /// <summary>Revokes every access token issued so far: the next sends get 401 UNAUTHENTICATED without details.</summary>
    public void RevokeAllAccessTokens() => _accessTokens.Clear();

    /// <summary>The service account's RSA private key as PKCS#8 PEM.</summary>
    public string ExportPrivateKeyPem() => _serviceAccountKey.ExportPkcs8PrivateKeyPem();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _serviceAccountKey.Dispose();
    }

    private string CreateServiceAccountJson() => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = PrivateKeyId,
        ["private_key"] = ExportPrivateKeyPem() + "\n",
        ["client_email"] = ClientEmail,
        ["client_id"] = "100000000000000000001",
        ["auth_uri"] = new Uri(Http1BaseAddress, "auth").AbsoluteUri,
        ["token_uri"] = TokenEndpoint.AbsoluteUri,
        ["auth_provider_x509_cert_url"] = new Uri(Http1BaseAddress, "certs").AbsoluteUri,
        ["universe_domain"] = "googleapis.com",
    });

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (isPost && path == "/token")
        {
            return HandleTokenAsync(context);
        }

        if (path.StartsWith("/v1/projects/", StringComparison.Ordinal) && path.EndsWith("/messages:send", StringComparison.Ordinal))
        {
            return isPost ? HandleSendAsync(context, path) : WriteAsync(context, FcmOutcome.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed.", null));
        }

        if (HttpMethods.IsGet(context.Request.Method) && path == "/_fake/messages")
        {
            var token = context.Request.Query["token"].ToString();
            var items = string.IsNullOrEmpty(token) ? Inbox.GetAll() : Inbox.Get(token);
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(items), context.RequestAborted);
        }

        return WriteAsync(context, FcmOutcome.Error(404, "NOT_FOUND", "Not found.", null));
    }

    private async Task HandleTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!context.Request.HasFormContentType)
        {
            await WriteTokenErrorAsync(context, "invalid_request", "Expected a form body.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != JwtBearerGrantType)
        {
            await WriteTokenErrorAsync(context, "unsupported_grant_type", "Invalid grant_type.").ConfigureAwait(false);
            return;
        }

        var problem = CheckAssertion(form["assertion"].ToString());
        if (problem is not null)
        {
            Interlocked.Increment(ref _rejectedAssertions);
            await WriteTokenErrorAsync(context, "invalid_grant", problem).ConfigureAwait(false);
            return;
        }

        var accessToken = "ya29.fake." + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = _time.GetUtcNow() + _options.AccessTokenLifetime;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new { access_token = accessToken, expires_in = (long)_options.AccessTokenLifetime.TotalSeconds, token_type = "Bearer" }),
            context.RequestAborted).ConfigureAwait(false);
    }

    private string? CheckAssertion(string assertion)
    {
        var jwt = Jwt.TryParse(assertion);
        if (jwt is null)
        {
            return "Invalid JWT: malformed assertion.";
        }

        if (jwt.HeaderString("alg") != "RS256")
        {
            return "Invalid JWT: unsupported algorithm.";
        }

        if (!_serviceAccountKey.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "Invalid JWT Signature.";
        }

        if (jwt.ClaimString("iss") != ClientEmail)
        {
            return "Invalid JWT: unknown issuer.";
        }

        // Google.Apis.Auth signs aud = Google's token URL whatever the key file's token_uri; Google accepts both.
        var audience = jwt.ClaimString("aud");
        if (audience != TokenEndpoint.AbsoluteUri && audience != GoogleTokenAudience)
        {
            return "Invalid JWT: audience does not match the token endpoint.";
        }

        var scopes = jwt.ClaimString("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!scopes.Any(AcceptedScopes.Contains))
        {
            return "Invalid JWT: no scope that allows sending messages.";
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (jwt.ClaimNumber("iat") is not { } iat || jwt.ClaimNumber("exp") is not { } exp
            || exp <= iat || exp - iat > 3600 || exp <= now || iat > now + 300)
        {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";
        }

        return null;
    }

    private async Task HandleSendAsync(HttpContext context, string path)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
        }

        var countThisMinute = Counter.Increment();
        if (_outage is { } outage)
        {
            await WriteAsync(context, outage.RetryAfter is null ? FcmOutcome.Unavailable : FcmOutcome.Unavailable.WithRetryAfter(outage.RetryAfter)).ConfigureAwait(false);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !_accessTokens.TryGetValue(authorization[7..].Trim(), out var expiresAt)
            || expiresAt <= _time.GetUtcNow())
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            await WriteAsync(context, FcmOutcome.Unauthenticated).ConfigureAwait(false);
            return;
        }

        var projectId = path["/v1/projects/".Length..^"/messages:send".Length];
        if (projectId != ProjectId)
        {
            await WriteAsync(context, FcmOutcome.Error(403, "PERMISSION_DENIED", $"Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/{projectId}' (or it may not exist).", null)).ConfigureAwait(false);
            return;
        }

        if (_options.PerMinuteQuota is { } quota && countThisMinute > quota)
        {
            await WriteAsync(context, FcmOutcome.ProjectQuotaExceeded).ConfigureAwait(false);
            return;
        }

        FcmOutcome? problem;
        ValidatedMessage message;
        try
        {
            using var document = JsonDocument.Parse(await ReadBodyAsync(context.Request.BodyReader, context.RequestAborted).ConfigureAwait(false));
            problem = FcmMessageValidator.Validate(document.RootElement, out message);
        }
        catch (JsonException)
        {
            problem = FcmOutcome.Error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.", null, "");
            message = default;
        }

        if (problem is not null)
        {
            await WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        if (Scripts.Take(message.Token) is { } scripted)
        {
            if (scripted.Status == 401)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            }

            await WriteAsync(context, scripted).ConfigureAwait(false);
            return;
        }

        var name = message.ValidateOnly
            ? $"projects/{ProjectId}/messages/fake_message_id"
            : $"projects/{ProjectId}/messages/0:{Interlocked.Increment(ref _messageSequence).ToString(CultureInfo.InvariantCulture)}%{PrivateKeyId[..16]}";
        if (!message.ValidateOnly)
        {
            Inbox.Add(new FcmDelivery(name, message.Token, message.Topic, message.Data, message.Priority, message.Ttl, message.CollapseKey, message.ApnsHeaders, message.MessageJson, _time.GetUtcNow()));
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"name\":\"" + name + "\"}"), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(System.IO.Pipelines.PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.IsCompleted || read.IsCanceled)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static Task WriteAsync(HttpContext context, FcmOutcome outcome)
    {
        context.Response.StatusCode = outcome.Status;
        context.Response.ContentType = outcome.ContentType;
        if (outcome.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = outcome.RetryAfter;
        }

        return context.Response.WriteAsync(outcome.Body, Encoding.UTF8, context.RequestAborted);
    }

    private static Task WriteTokenErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error, error_description = description }), context.RequestAborted);
    }

    private sealed record OutageState(string? RetryAfter);
}
