using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PushAuth.Domain.Tenants;
using PushAuth.Security;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Challenges;

/// <summary>A tenant's webhook signing secret, kept encrypted at rest (it must be readable to sign, so it cannot be a hash).</summary>
internal partial class WebhookSecretGrain(
    [PersistentState("webhooksecret", StorageNames.Default)] IPersistentState<WebhookSecretState> state,
    KeyMaterial keys,
    TimeProvider time,
    ILogger<WebhookSecretGrain> logger) : Grain, IWebhookSecretGrain
{
    public async Task<string?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.ProtectedSecret is not { } stored)
        {
            return null;
        }
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        byte[] secret;
        try
        {
            secret = protector.Unprotect(stored, AssociatedData);
        }
        catch (SecretProtectionException ex)
        {
            // As if there were none: webhooks wait (retried) and creating one says to rotate; nothing answers 500.
            LogUnreadable(this.GetPrimaryKeyString(), ex.Message);
            return null;
        }
        if (protector.NeedsReprotection(stored))
        {
            state.State = state.State with { ProtectedSecret = protector.Protect(secret, AssociatedData) };
            await state.WriteStateAsync(cancellationToken);
        }
        return Encoding.UTF8.GetString(secret);
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        state.State = new WebhookSecretState { ProtectedSecret = protector.Protect(Encoding.UTF8.GetBytes(secret), AssociatedData), RotatedAt = time.GetUtcNow() };
        await state.WriteStateAsync(cancellationToken);
        return secret;
    }

    [LoggerMessage(EventId = LogEvents.WebhookSecretUnreadable, Level = LogLevel.Error, Message = "The webhook secret of tenant {TenantId} cannot be decrypted ({Reason}); rotate it or configure its key")]
    private partial void LogUnreadable(string tenantId, string reason);

    private string AssociatedData => "webhook|" + this.GetPrimaryKeyString();
}
