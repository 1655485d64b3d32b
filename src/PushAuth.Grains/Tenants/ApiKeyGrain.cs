using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Tenants;

public sealed class ApiKeyGrain(IPersistentState<ApiKeyState> state) : IApiKeyGrain
{
    public async Task<bool> RegisterAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        if (state.State.Record is not null)
        {
            return false;
        }
        state.State = new ApiKeyState { Record = record };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<ApiKeyRecord?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Record);

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.Record is { Revoked: false } record)
        {
            state.State = new ApiKeyState { Record = record with { Revoked = true } };
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
