using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Abstractions;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Grains.Challenges;

/// <summary>Posts signed challenge results to the login service's webhook; retried with backoff through the outbox
/// for up to <see cref="GiveUpAfter"/>. Receivers must treat deliveries as at-least-once (the challenge id dedupes).</summary>
public sealed partial class WebhookHandler(IHttpClientFactory httpClients, IGrainFactory grains, TimeProvider time, ILogger<WebhookHandler> logger) : IOutboxHandler
{
    public const string Topic = "webhook";
    public const string HttpClientName = "pushauth-webhooks";
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    private static readonly JsonSerializerOptions Json = CreateJson();

    string IOutboxHandler.Topic => Topic;

    public int MaxConcurrency => 16;

    public async Task<OutboxOutcome> HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Deserialize<WebhookMessage>(envelope.Payload, Json);
        if (message is null)
        {
            return OutboxOutcome.Drop("empty message");
        }
        var now = time.GetUtcNow();
        if (now - envelope.CreatedAt > GiveUpAfter)
        {
            return OutboxOutcome.Drop("webhook undeliverable for 24 hours");
        }
        var secret = await grains.GetGrain<IWebhookSecretGrain>(message.TenantId).GetOrCreateAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new { type = "challenge.resolved", challenge = message.Challenge }, Json);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add("PushAuth-Delivery", envelope.Id.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return OutboxOutcome.Done;
            }
            var delay = response.Headers.RetryAfter?.Delta ?? OutboxBackoff.For(envelope.Attempts);
            LogRejected(message.TenantId, (int)response.StatusCode, envelope.Attempts);
            return OutboxOutcome.Retry(now + delay, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(message.TenantId, ex.Message, envelope.Attempts);
            return OutboxOutcome.Retry(now + OutboxBackoff.For(envelope.Attempts), "unreachable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OutboxOutcome.Retry(now + OutboxBackoff.For(envelope.Attempts), "timeout");
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} answered {Status} (attempt {Attempt}); retrying")]
    private partial void LogRejected(string tenantId, int status, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} unreachable: {Error} (attempt {Attempt}); retrying")]
    private partial void LogUnreachable(string tenantId, string error, int attempt);
}
