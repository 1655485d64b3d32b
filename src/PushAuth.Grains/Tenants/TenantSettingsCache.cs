using System.Collections.Concurrent;

namespace PushAuth.Grains.Tenants;

/// <summary>
/// Tenant settings cached per silo for <see cref="Lifetime"/>: read on every challenge and TOTP check, changed
/// rarely, and never a security decision on their own (a changed limit applies within seconds on every silo).
/// </summary>
public sealed class TenantSettingsCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (TenantSettings? Settings, long Until)> _cache = new(StringComparer.Ordinal);

    public async Task<TenantSettings?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_cache.TryGetValue(tenantId, out var hit) && hit.Until > now)
        {
            return hit.Settings;
        }
        var settings = await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync(cancellationToken);
        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }
        _cache[tenantId] = (settings, now + (long)Lifetime.TotalMilliseconds);
        return settings;
    }

    /// <summary>Forgets a tenant's settings on this silo (after this silo changed them; other silos follow within <see cref="Lifetime"/>).</summary>
    public void Forget(string tenantId) => _cache.TryRemove(tenantId, out _);
}
