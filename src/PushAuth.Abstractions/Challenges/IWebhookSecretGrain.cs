using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>A tenant's webhook signing secret (key: tenant id). Webhooks carry
/// <c>PushAuth-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>.</summary>
[GrainType("webhooksecret")]
public interface IWebhookSecretGrain : IGrainWithStringKey
{
    /// <summary>The current secret, created on first use.</summary>
    Task<string> GetOrCreateAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret and returns the new one.</summary>
    Task<string> RotateAsync(CancellationToken cancellationToken = default);
}
