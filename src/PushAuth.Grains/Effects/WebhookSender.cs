using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Events;
using PushAuth.Grains.Tenants;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Effects;

/// <summary>Posts a signed challenge result or user event to a login service's webhook, once; the caller retries.
/// Receivers treat deliveries as at-least-once: the challenge or event id and <c>PushAuth-Delivery</c> dedupe.</summary>
internal partial class WebhookSender(IHttpClientFactory httpClients, IGrainFactory grains, TenantSettingsCache tenants, WebhookTargets targets, TimeProvider time,
    ILogger<WebhookSender> logger)
{
    /// <summary>Connects to public addresses only (<see cref="PublicAddressConnector"/>).</summary>
    public const string HttpClientName = "pushauth-webhooks";

    /// <summary>For hosts the tenant lists in <see cref="TenantSettings.WebhookAllowedHosts"/>; its own connection pool,
    /// so a connection opened for one tenant's listed host is never reused for another tenant's webhook.</summary>
    public const string AllowedHostsClientName = "pushauth-webhooks-allowed";
    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>True when the receiver answered 2xx.</summary>
    public Task<bool> SendAsync(OwedWebhook webhook, CancellationToken cancellationToken) =>
        PostAsync(webhook.TenantId, webhook.Url, webhook.EffectId, JsonSerializer.Serialize(new { type = "challenge.resolved", challenge = webhook.Challenge }, Json), cancellationToken);

    /// <summary>Posts a user event (<c>user.mfa.revoked</c>, …), signed like a challenge webhook; true on 2xx.</summary>
    public Task<bool> SendEventAsync(OwedEventWebhook webhook, CancellationToken cancellationToken) =>
        PostAsync(webhook.TenantId, webhook.Url, webhook.EffectId,
            Envelope(webhook.Type, webhook.EffectId, webhook.OccurredAt, webhook.TenantId, webhook.UserId, webhook.Data), cancellationToken);

    /// <summary>The body of a subscription's delivery: the envelope the events URL sends, so one receiver handles both.</summary>
    internal static string EventBody(TenantEvent e) => Envelope(e.Type, e.EventId, e.OccurredAt, e.TenantId, e.UserId, e.Data);

    /// <summary>The one event envelope (type, id, occurredAt, tenantId, userId, data) of the events URL and of subscriptions.</summary>
    private static string Envelope(string type, string id, DateTimeOffset occurredAt, string tenantId, string? userId, IReadOnlyDictionary<string, string> data) =>
        JsonSerializer.Serialize(new { type, id, occurredAt, tenantId, userId, data }, Json);

    private async Task<bool> PostAsync(string tenantId, string url, string deliveryId, string body, CancellationToken cancellationToken)
    {
        var secret = await grains.GetGrain<IWebhookSecretGrain>(tenantId).GetAsync(cancellationToken);
        if (secret is null)
        {
            LogNoSecret(tenantId);
            return false;
        }
        return (await PostSignedAsync(tenantId, url, secret, deliveryId, body, cancellationToken)).Delivered;
    }

    /// <summary>Posts <paramref name="body"/> signed with <paramref name="secret"/> (a subscription's own), under the same
    /// target policy and connection rules as every webhook; the outcome says what the receiver answered.</summary>
    internal async Task<DeliveryAttempt> PostSignedAsync(string tenantId, string url, string secret, string deliveryId, string body, CancellationToken cancellationToken)
    {
        var settings = await tenants.GetAsync(tenantId, cancellationToken);
        var listed = Uri.TryCreate(url, UriKind.Absolute, out var target) && WebhookTargetPolicy.IsAllowedHost(target.IdnHost, targets.AllowedHosts(settings));
        if (target is null || (!listed && target.Scheme != Uri.UriSchemeHttps))
        {
            LogRefused(tenantId, "not https and not a listed host");
            return new DeliveryAttempt(false, null, "refused target");
        }
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add("PushAuth-Delivery", deliveryId);
        try
        {
            using var response = await httpClients.CreateClient(listed ? AllowedHostsClientName : HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryAttempt.Ok((int)response.StatusCode);
            }
            LogRejected(tenantId, (int)response.StatusCode);
            return new DeliveryAttempt(false, (int)response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(tenantId, ex.Message);
            return new DeliveryAttempt(false, null, "unreachable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(tenantId, "timeout");
            return new DeliveryAttempt(false, null, "timeout");
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // Enum values as the API writes them (Approved, Mistake): a receiver compares against the names it reads in
        // GET /v1/challenges/{id} and in the OpenAPI document, so the webhook cannot spell them another way.
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }

    [LoggerMessage(EventId = LogEvents.WebhookRejected, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} answered {Status}; retrying")]
    private partial void LogRejected(string tenantId, int status);

    [LoggerMessage(EventId = LogEvents.WebhookUnreachable, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} unreachable: {Error}; retrying")]
    private partial void LogUnreachable(string tenantId, string error);

    [LoggerMessage(EventId = LogEvents.WebhookRefusedTarget, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} refused: {Reason}; retrying")]
    private partial void LogRefused(string tenantId, string reason);

    [LoggerMessage(EventId = LogEvents.WebhookNoSecret, Level = LogLevel.Warning, Message = "Tenant {TenantId} has no webhook secret; a webhook cannot be signed")]
    private partial void LogNoSecret(string tenantId);
}
