namespace PushAuth.Abstractions;

/// <summary>A tenant's OpenID Connect clients (key: tenant id). A leaf grain: it calls no other grain.</summary>
[Alias("pa.IOidcClientsGrain")]
public interface IOidcClientsGrain : IGrainWithStringKey
{
    /// <summary>Registers a client; the secret (256 random bits) is returned once and stored as its SHA-256. Audited.</summary>
    [Alias("Register")]
    Task<IssuedOidcClient> RegisterAsync(OidcClientRegistration registration, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<OidcClient>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The client, or null when this tenant has none by that id.</summary>
    [Alias("Get"), ReadOnly]
    Task<OidcClient?> GetAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The client when <paramref name="clientSecret"/> is its secret (constant-time), else null.</summary>
    [Alias("Authenticate"), ReadOnly]
    Task<OidcClient?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default);

    /// <summary>Removes a client; false when unknown. Audited.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string clientId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);
}
