namespace PushAuth.Abstractions;

/// <summary>A tenant's webhook signing secret (key: tenant id). Webhooks carry
/// <c>PushAuth-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>. A leaf grain.</summary>
[Alias("pa.IWebhookSecretGrain")]
public interface IWebhookSecretGrain : IGrainWithStringKey
{
    /// <summary>The current secret, or null when none was ever created or it cannot be decrypted with the configured keys.
    /// A secret under an old key id is re-encrypted under the active key (a write, so not read-only).</summary>
    [Alias("Get")]
    Task<string?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret and returns the new one.</summary>
    [Alias("Rotate")]
    Task<string> RotateAsync(CancellationToken cancellationToken = default);
}
