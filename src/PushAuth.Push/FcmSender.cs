using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Logging;
using PushAuth.Push.Internal;

namespace PushAuth.Push;

/// <summary>
/// Sends through FCM HTTP v1 (<c>POST v1/projects/{id}/messages:send</c>) with a service-account OAuth2 token.
/// One HttpClient, safe for concurrent sends; errors are classified by <see cref="FcmErrorClassifier"/>.
/// </summary>
public sealed partial class FcmSender : IPushSender, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly FcmOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FcmSender> _logger;
    private readonly HttpClient _client;
    private readonly FcmAccessTokenSource _tokens;
    private readonly Uri _sendUri;
    private readonly Version _httpVersion = HttpVersion.Version20;
    private readonly HttpVersionPolicy _versionPolicy;

    /// <summary>Creates the sender; <paramref name="handler"/> replaces the default SocketsHttpHandler.</summary>
    public FcmSender(FcmOptions options, TimeProvider timeProvider, ILogger<FcmSender> logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _tokens = new FcmAccessTokenSource(options.LoadServiceAccountJson());
        _client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = options.RequestTimeout,
        };
        var baseAddress = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _sendUri = new Uri(baseAddress, $"v1/projects/{Uri.EscapeDataString(options.ProjectId)}/messages:send");

        // Cleartext means a local fake: HTTP/2 with prior knowledge. TLS negotiates h2 through ALPN.
        _versionPolicy = baseAddress.Scheme == Uri.UriSchemeHttp ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;
    }

    /// <inheritdoc />
    public PushProvider Provider => PushProvider.Fcm;

    /// <inheritdoc />
    public async Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Provider != PushProvider.Fcm)
        {
            return new PushResult(PushResultKind.PermanentFailure, PushReasons.WrongProvider);
        }

        var now = _timeProvider.GetUtcNow();
        if (message.ExpiresAt <= now)
        {
            return new PushResult(PushResultKind.PermanentFailure, PushReasons.Expired);
        }

        var body = BuildBody(message, now);
        for (var attempt = 0; ; attempt++)
        {
            (string Token, int Generation) accessToken;
            try
            {
                accessToken = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TokenResponseException ex)
            {
                Log.AccessTokenUnavailable(_logger, ex.Error?.Error ?? "unknown");
                return new PushResult(PushResultKind.AuthFailure, PushReasons.AccessTokenUnavailable);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.AccessTokenUnavailable(_logger, ex.GetType().Name);
                return new PushResult(PushResultKind.RetryLater, PushReasons.AccessTokenUnavailable);
            }

            var result = await SendOnceAsync(body, accessToken.Token, cancellationToken).ConfigureAwait(false);
            if (attempt == 0 && result.Kind == PushResultKind.AuthFailure && result.Reason == FcmErrorClassifier.Unauthenticated)
            {
                // The cached access token was revoked or expired early: fetch a new one and retry once.
                Log.AccessTokenRejected(_logger);
                _tokens.Invalidate(accessToken.Generation);
                continue;
            }

            if (result.Kind != PushResultKind.Delivered)
            {
                Log.SendFailed(_logger, result.Kind, result.Reason, result.HttpStatus ?? 0);
            }

            return result;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<PushResult> SendOnceAsync(byte[] body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sendUri)
        {
            Version = _httpVersion,
            VersionPolicy = _versionPolicy,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = JsonMediaType;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                return new PushResult(PushResultKind.Delivered, PushReasons.Delivered, ProviderMessageId: ReadName(json), HttpStatus: status);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow());
            return FcmErrorClassifier.Classify(FcmError.Parse(status, text), retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.TransportError(_logger, ex.GetType().Name);
            return new PushResult(PushResultKind.RetryLater, PushReasons.TransportError);
        }
    }

    private static string? ReadName(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("name"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Builds the messages:send body: data only, no secrets, TTL = time left.</summary>
    internal static byte[] BuildBody(PushMessage message, DateTimeOffset now)
    {
        var ttlSeconds = (long)Math.Ceiling((message.ExpiresAt - now).TotalSeconds);
        ttlSeconds = Math.Clamp(ttlSeconds, 1, 2_419_200);
        var collapseId = PushPayload.CollapseId(message);
        var background = PushPayload.IsBackground(message);
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message");
            writer.WriteString("token", message.DeviceToken);
            writer.WriteStartObject("data");
            writer.WriteString("kind", message.Kind);
            writer.WriteString("ref", message.ReferenceId);
            writer.WriteString("nonce", message.Nonce);
            writer.WriteString("mid", message.MessageId);
            writer.WriteEndObject();

            writer.WriteStartObject("android");
            writer.WriteString("priority", "high");
            writer.WriteString("ttl", ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s");
            writer.WriteString("collapse_key", collapseId);
            writer.WriteEndObject();

            writer.WriteStartObject("apns");
            writer.WriteStartObject("headers");
            writer.WriteString("apns-priority", background ? "5" : "10");
            writer.WriteString("apns-push-type", background ? "background" : "alert");
            writer.WriteString("apns-expiration", PushPayload.UnixSeconds(message.ExpiresAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("apns-collapse-id", collapseId);
            writer.WriteEndObject();
            writer.WriteStartObject("payload");
            PushPayload.WriteAps(writer, background);
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
