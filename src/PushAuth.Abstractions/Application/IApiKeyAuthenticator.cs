namespace PushAuth.Abstractions;

/// <summary>Checks an API key (<c>pak_…</c>) against its stored hash, in constant time. A verified key is cached per silo
/// for 30 seconds (a revoked key can keep working on a silo that long); an unknown key prefix is remembered for 10
/// seconds, so one unknown key sent again and again costs no storage read.</summary>
public interface IApiKeyAuthenticator
{
    /// <summary>The key's tenant, id and role; null for an unknown, revoked or wrong key.</summary>
    Task<ApiCaller?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken = default);
}
