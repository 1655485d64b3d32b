using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Push.Internal;

namespace PushAuth.Push;

/// <summary>
/// Sends through the APNs provider API: HTTP/2 over TLS on one reused connection, ES256 provider JWT.
/// Safe for concurrent sends; errors are classified by <see cref="ApnsErrorClassifier"/>.
/// </summary>
public sealed partial class ApnsSender : IPushSender, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private static readonly TimeSpan RetiredConnectionGrace = TimeSpan.FromSeconds(30);

    private readonly ApnsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ApnsSender> _logger;
    private readonly ApnsProviderTokenSource _tokens;
    private readonly RemoteCertificateValidationCallback? _certificateValidation;
    private readonly Uri _baseAddress;
    private readonly Lock _connectionGate = new();
    private volatile HttpClient _client;
    private int _connectionGeneration;
    private bool _disposed;

    /// <summary>Creates the sender.</summary>
    public ApnsSender(ApnsOptions options, TimeProvider timeProvider, ILogger<ApnsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _tokens = new ApnsProviderTokenSource(options.LoadPrivateKeyPem(), options.TeamId, options.KeyId, options.ProviderTokenRenewAfter, timeProvider);
        _certificateValidation = options.ServerCertificateValidation ?? CreatePinnedValidation(options.TrustedServerCertificateFile);
        var address = options.EffectiveBaseAddress.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _client = CreateClient();
    }

    /// <inheritdoc />
    public PushProvider Provider => PushProvider.Apns;

    /// <summary>How many provider JWTs this sender has signed.</summary>
    public int ProviderTokenGeneration => _tokens.Generation;

    /// <summary>How many times the connection was replaced after a 5xx, a 429 TooManyProviderTokenUpdates or a transport error.</summary>
    public int ConnectionGeneration => Volatile.Read(ref _connectionGeneration);

    /// <inheritdoc />
    public async Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Provider != PushProvider.Apns)
        {
            return new PushResult(PushResultKind.PermanentFailure, PushReasons.WrongProvider);
        }

        if (message.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            return new PushResult(PushResultKind.PermanentFailure, PushReasons.Expired);
        }

        var body = BuildBody(message);
        var apnsId = Guid.TryParse(message.MessageId, out var guid) ? guid.ToString("D") : Guid.NewGuid().ToString("D");
        var jwt = _tokens.Get();
        for (var attempt = 0; ; attempt++)
        {
            var client = _client;
            var result = await SendOnceAsync(client, message, body, apnsId, jwt, cancellationToken).ConfigureAwait(false);
            if (attempt == 0 && result.Kind == PushResultKind.AuthFailure && result.Reason == ApnsErrorClassifier.ExpiredProviderToken)
            {
                jwt = _tokens.RenewAfterRejection(jwt);
                Log.ProviderTokenRenewed(_logger);
                continue;
            }

            if (result.Kind != PushResultKind.Delivered)
            {
                if (result.HttpStatus is not { } status || ApnsErrorClassifier.Match(status, result.Reason).NewConnection)
                {
                    ResetConnection(client);
                }

                Log.SendFailed(_logger, result.Kind, result.Reason, result.HttpStatus ?? 0);
            }

            return result;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_connectionGate)
        {
            _disposed = true;
            _client.Dispose();
        }

        _tokens.Dispose();
    }

    private async Task<PushResult> SendOnceAsync(HttpClient client, PushMessage message, byte[] body, string apnsId, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, "3/device/" + Uri.EscapeDataString(message.DeviceToken)))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = JsonMediaType;
        var headers = request.Headers;
        headers.Authorization = new AuthenticationHeaderValue("bearer", jwt);
        var background = PushPayload.IsBackground(message);
        headers.TryAddWithoutValidation("apns-topic", _options.BundleId);
        headers.TryAddWithoutValidation("apns-push-type", background ? "background" : "alert");
        headers.TryAddWithoutValidation("apns-priority", background ? "5" : "10");
        headers.TryAddWithoutValidation("apns-expiration", PushPayload.UnixSeconds(message.ExpiresAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("apns-collapse-id", PushPayload.CollapseId(message));
        headers.TryAddWithoutValidation("apns-id", apnsId);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var returnedId = response.Headers.TryGetValues("apns-id", out var ids) ? ids.FirstOrDefault() : null;
            if (status == 200)
            {
                return new PushResult(PushResultKind.Delivered, PushReasons.Delivered, ProviderMessageId: returnedId ?? apnsId, HttpStatus: status);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow());
            return ApnsErrorClassifier.Classify(status, ReadReason(text), retryAfter, returnedId);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.TransportError(_logger, ex.GetType().Name);
            return new PushResult(PushResultKind.RetryLater, PushReasons.TransportError);
        }
        catch (ObjectDisposedException) when (!_disposed)
        {
            // The connection was replaced by a concurrent send while this one was starting.
            return new PushResult(PushResultKind.RetryLater, PushReasons.TransportError);
        }
    }

    private static string? ReadReason(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String
                    ? reason.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the connection the failed send used, once, however many concurrent sends saw the failure.</summary>
    private void ResetConnection(HttpClient failed)
    {
        lock (_connectionGate)
        {
            if (_disposed || !ReferenceEquals(_client, failed))
            {
                return;
            }

            _client = CreateClient();
            Interlocked.Increment(ref _connectionGeneration);
        }

        Log.ConnectionReset(_logger);

        // Requests still in flight on the old connection finish before it is closed.
        _ = Task.Delay(RetiredConnectionGrace, TimeProvider.System).ContinueWith(_ => failed.Dispose(), TaskScheduler.Default);
    }

    private HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromMinutes(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            SslOptions = new SslClientAuthenticationOptions
            {
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                RemoteCertificateValidationCallback = _certificateValidation,
            },
        };
        return new HttpClient(handler) { Timeout = _options.RequestTimeout };
    }

    private static RemoteCertificateValidationCallback? CreatePinnedValidation(string? certificateFile)
    {
        if (string.IsNullOrWhiteSpace(certificateFile))
        {
            return null;
        }

        using var pinned = X509CertificateLoader.LoadCertificateFromFile(certificateFile);
        var thumbprint = pinned.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The APNs body: a generic alert (or a silent refresh), the reference and the nonce. No secrets, no prompt.</summary>
    internal static byte[] BuildBody(PushMessage message)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            PushPayload.WriteAps(writer, PushPayload.IsBackground(message));
            writer.WriteString("kind", message.Kind);
            writer.WriteString("ref", message.ReferenceId);
            writer.WriteString("nonce", message.Nonce);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
