using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

public sealed class WebhookSecretGrain(IPersistentState<WebhookSecretState> state, TimeProvider time) : IWebhookSecretGrain
{
    public async Task<string> GetOrCreateAsync(CancellationToken cancellationToken = default) =>
        state.State.Secret ?? await RotateAsync(cancellationToken).ConfigureAwait(false);

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        state.State = new WebhookSecretState { Secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), RotatedAt = time.GetUtcNow() };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return state.State.Secret!;
    }
}
