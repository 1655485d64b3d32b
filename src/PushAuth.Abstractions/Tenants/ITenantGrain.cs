namespace PushAuth.Abstractions;

/// <summary>A tenant (key: tenant id): its settings and API keys. Calls only the API-key grains (leaves).</summary>
[Alias("pa.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>The tenant's settings, or null for an unknown tenant.</summary>
    [Alias("GetSettings"), ReadOnly]
    Task<TenantSettings?> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the tenant with an Admin key and a LoginService key. Fails if it exists.</summary>
    [Alias("Create")]
    Task<IReadOnlyList<IssuedApiKey>> CreateAsync(string displayName, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("UpdateSettings")]
    Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("IssueApiKey")]
    Task<IssuedApiKey> IssueApiKeyAsync(ApiKeyRole role, string name, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("RevokeApiKey")]
    Task<bool> RevokeApiKeyAsync(string keyId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("ListApiKeys"), ReadOnly]
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default);
}
