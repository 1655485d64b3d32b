using PushAuth.Domain.Tenants;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Tenants;

/// <summary>One API key's record (hash only). A leaf grain.</summary>
internal sealed class ApiKeyGrain([PersistentState("apikey", StorageNames.Default)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task<bool> RegisterAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        if (state.State.Record is not null)
        {
            return false;
        }
        state.State = new ApiKeyState { Record = record };
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<ApiKeyRecord?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Record);

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.Record is { Revoked: false } record)
        {
            state.State = new ApiKeyState { Record = record with { Revoked = true } };
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
