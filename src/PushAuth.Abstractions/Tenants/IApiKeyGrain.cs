namespace PushAuth.Abstractions;

/// <summary>One API key by its public prefix id (a leaf grain). Holds the hash only.</summary>
[Alias("pa.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<bool> RegisterAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    [Alias("Get"), ReadOnly]
    Task<ApiKeyRecord?> GetAsync(CancellationToken cancellationToken = default);

    [Alias("Revoke")]
    Task RevokeAsync(CancellationToken cancellationToken = default);
}
