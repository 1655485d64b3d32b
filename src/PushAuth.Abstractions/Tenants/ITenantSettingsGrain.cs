using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>The part of the tenant grain the approval flow needs; resolved to the grain registered for
/// <c>ITenantGrain</c>, which extends it. Key: tenant id.</summary>
public interface ITenantSettingsGrain : IGrainWithStringKey
{
    /// <summary>The tenant's settings, or null for an unknown tenant.</summary>
    Task<TenantSettings?> GetSettingsAsync(CancellationToken cancellationToken = default);
}
