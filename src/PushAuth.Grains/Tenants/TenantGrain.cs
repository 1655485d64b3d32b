using PushAuth.Abstractions;
using PushAuth.Hosting;
using PushAuth.Security;

namespace PushAuth.Grains.Tenants;

/// <summary>A tenant's settings and keys. Calls only the API-key grains.</summary>
public sealed class TenantGrain(IGrainContext context, IPersistentState<TenantState> state, TimeProvider time) : ITenantGrain
{
    private const int MaxKeys = 100;

    private string TenantId => context.GrainId.Key;

    public Task<TenantSettings?> GetSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Settings);

    public async Task<IReadOnlyList<IssuedApiKey>> CreateAsync(string displayName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Settings is not null)
        {
            throw PushAuthException.Conflict("tenant.exists", $"Tenant '{TenantId}' already exists.");
        }
        var settings = new TenantSettings(displayName).Validated();
        var admin = await NewKeyAsync(ApiKeyRole.Admin, "bootstrap admin", cancellationToken).ConfigureAwait(false);
        var login = await NewKeyAsync(ApiKeyRole.LoginService, "bootstrap login service", cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        state.State = new TenantState { Settings = settings, CreatedAt = now, Keys = [admin.Record, login.Record] };
        state.StageAudit(new AuditEntry(now, TenantId, null, "bootstrap", "tenant.created", null, "created", origin.SourceIp, origin.UserAgent, origin.TraceId));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return [admin.Issued, login.Issued];
    }

    public async Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        state.State = state.State with { Settings = settings.Validated() };
        state.StageAudit(new AuditEntry(time.GetUtcNow(), TenantId, null, actor, "tenant.settings-updated", null, "updated", origin.SourceIp, origin.UserAgent, origin.TraceId));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return state.State.Settings!;
    }

    public async Task<IssuedApiKey> IssueApiKeyAsync(ApiKeyRole role, string name, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (state.State.Keys.Count(k => !k.Revoked) >= MaxKeys)
        {
            throw PushAuthException.Conflict("api-key.limit", $"A tenant has at most {MaxKeys} active keys.");
        }
        var key = await NewKeyAsync(role, Validate.Text(name, "name", 100), cancellationToken).ConfigureAwait(false);
        state.State = state.State with { Keys = [.. state.State.Keys, key.Record] };
        state.StageAudit(new AuditEntry(time.GetUtcNow(), TenantId, null, actor, "api-key.issued", null, role.ToString(), origin.SourceIp, origin.UserAgent, origin.TraceId, $"key={key.Record.KeyId}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return key.Issued;
    }

    public async Task<bool> RevokeApiKeyAsync(string keyId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        var record = state.State.Keys.FirstOrDefault(k => k.KeyId == keyId && !k.Revoked);
        if (record is null)
        {
            return false;
        }
        await context.GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken).ConfigureAwait(false);
        state.State = state.State with { Keys = [.. state.State.Keys.Select(k => k.KeyId == keyId ? k with { Revoked = true } : k)] };
        state.StageAudit(new AuditEntry(time.GetUtcNow(), TenantId, null, actor, "api-key.revoked", null, "revoked", origin.SourceIp, origin.UserAgent, origin.TraceId, $"key={keyId}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>([.. state.State.Keys.Select(k => k with { Hash = "" })]);

    private async Task<(IssuedApiKey Issued, ApiKeyRecord Record)> NewKeyAsync(ApiKeyRole role, string name, CancellationToken cancellationToken)
    {
        // The 8-character prefix is the lookup key; on the rare collision, draw again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var generated = SecretHasher.GenerateApiKey();
            var record = new ApiKeyRecord(generated.PrefixId, TenantId, role, name, generated.Hash, time.GetUtcNow(), false);
            if (await context.GrainFactory.GetGrain<IApiKeyGrain>(generated.PrefixId).RegisterAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return (new IssuedApiKey(generated.PrefixId, generated.Key, role, name), record with { Hash = "" });
            }
        }
        throw new InvalidOperationException("Could not allocate a unique API key id.");
    }

    private void EnsureExists()
    {
        if (state.State.Settings is null)
        {
            throw PushAuthException.NotFound("tenant.not-found", "The tenant does not exist.");
        }
    }
}
