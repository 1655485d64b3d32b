using PushAuth.Grains.Tenants;

namespace PushAuth.Grains.Application;

/// <summary>Tenant changes this silo's caches must see at once (<see cref="ITenantAdministration"/>).</summary>
internal sealed class TenantAdministration(IGrainFactory grains, TenantSettingsCache tenants, ApiKeyAuthenticator apiKeys) : ITenantAdministration
{
    public async Task<TenantSettings> UpdateSettingsAsync(Caller caller, TenantSettings settings, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        var updated = await grains.GetGrain<ITenantGrain>(caller.TenantId).UpdateSettingsAsync(settings, caller.Actor, origin, cancellationToken);
        tenants.Forget(caller.TenantId);
        return updated;
    }

    public async Task<IssuedApiKey> IssueApiKeyAsync(Caller caller, ApiKeyRole role, string name, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        var key = await grains.GetGrain<ITenantGrain>(caller.TenantId).IssueApiKeyAsync(role, name, caller.Actor, origin, cancellationToken);
        apiKeys.KeyIssued();
        return key;
    }
}
