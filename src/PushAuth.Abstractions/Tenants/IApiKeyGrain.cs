using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>One API key by its public prefix id (a leaf grain). Holds the hash only.</summary>
[GrainType("apikey")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task<bool> RegisterAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    Task<ApiKeyRecord?> GetAsync(CancellationToken cancellationToken = default);

    Task RevokeAsync(CancellationToken cancellationToken = default);
}
