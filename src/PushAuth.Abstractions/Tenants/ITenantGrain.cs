using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>A tenant (key: tenant id): its settings and API keys.</summary>
[GrainType("tenant")]
public interface ITenantGrain : ITenantSettingsGrain
{
    /// <summary>Creates the tenant with an Admin key and a LoginService key. Fails if it exists.</summary>
    Task<IReadOnlyList<IssuedApiKey>> CreateAsync(string displayName, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<IssuedApiKey> IssueApiKeyAsync(ApiKeyRole role, string name, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<bool> RevokeApiKeyAsync(string keyId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default);
}
