namespace PushAuth.Abstractions;

/// <summary>A tenant's changes that other parts of a silo must see at once: its settings (cached for seconds on every
/// silo, forgotten here on this one) and new API keys (an unknown key prefix is remembered briefly; issuing forgets it).</summary>
public interface ITenantAdministration
{
    /// <summary>Validates and stores the tenant's settings; recorded as <c>tenant.settings-updated</c>.</summary>
    Task<TenantSettings> UpdateSettingsAsync(Caller caller, TenantSettings settings, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Issues an API key with <paramref name="role"/> (shown once); recorded as <c>api-key.issued</c>.</summary>
    Task<IssuedApiKey> IssueApiKeyAsync(Caller caller, ApiKeyRole role, string name, RequestOrigin origin, CancellationToken cancellationToken = default);
}
