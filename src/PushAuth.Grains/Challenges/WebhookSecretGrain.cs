using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Domain.Tenants;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Challenges;

/// <summary>A tenant's webhook signing secret, kept encrypted at rest (it must be readable to sign, so it cannot be a hash).</summary>
public sealed class WebhookSecretGrain(
    [PersistentState("webhooksecret", StorageNames.Default)] IPersistentState<WebhookSecretState> state,
    KeyMaterial keys,
    TimeProvider time) : Grain, IWebhookSecretGrain
{
    public async Task<string?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.ProtectedSecret is not { } stored)
        {
            return null;
        }
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        return Encoding.UTF8.GetString(protector.Unprotect(stored, AssociatedData));
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        state.State = new WebhookSecretState { ProtectedSecret = protector.Protect(Encoding.UTF8.GetBytes(secret), AssociatedData), RotatedAt = time.GetUtcNow() };
        await state.WriteStateAsync(cancellationToken);
        return secret;
    }

    private string AssociatedData => "webhook|" + this.GetPrimaryKeyString();
}
