using PushAuth.Grains.Caching;

namespace PushAuth.Grains.Tenants;

/// <summary>
/// Tenant settings cached per silo for <see cref="Lifetime"/>: read on every challenge and TOTP check, changed
/// rarely, and never a security decision on their own (a changed limit applies within seconds on every silo).
/// </summary>
internal sealed class TenantSettingsCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ExpiringCache<TenantSettings?> _cache = new(time, Lifetime, 10_000);

    public Task<TenantSettings?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(tenantId, (id, ct) => grains.GetGrain<ITenantGrain>(id).GetSettingsAsync(ct), cancellationToken);

    /// <summary>Forgets a tenant's settings on this silo (after this silo changed them; other silos follow within <see cref="Lifetime"/>).</summary>
    public void Forget(string tenantId) => _cache.Forget(tenantId);
}
