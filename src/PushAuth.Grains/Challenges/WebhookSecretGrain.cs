using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Abstractions;
using PushAuth.Grains.Security;
using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

/// <summary>A tenant's webhook signing secret, kept encrypted at rest (it must be readable to sign, so it cannot be a hash).</summary>
public sealed class WebhookSecretGrain(IGrainContext context, IPersistentState<WebhookSecretState> state, KeyMaterial keys, TimeProvider time) : IWebhookSecretGrain
{
    public async Task<string> GetOrCreateAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.ProtectedSecret is not { } stored)
        {
            return await RotateAsync(cancellationToken).ConfigureAwait(false);
        }
        var protector = await keys.TotpProtectorAsync(cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(protector.Unprotect(stored, AssociatedData));
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var protector = await keys.TotpProtectorAsync(cancellationToken).ConfigureAwait(false);
        state.State = new WebhookSecretState { ProtectedSecret = protector.Protect(Encoding.UTF8.GetBytes(secret), AssociatedData), RotatedAt = time.GetUtcNow() };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return secret;
    }

    private string AssociatedData => "webhook|" + context.GrainId.Key;
}
