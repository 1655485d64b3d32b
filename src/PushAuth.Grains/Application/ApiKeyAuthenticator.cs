using PushAuth.Grains.Caching;
using PushAuth.Security;

namespace PushAuth.Grains.Application;

/// <summary>
/// Checks an API key (<c>pak_…</c>) against the stored hash (constant time). A successful check is cached
/// for <see cref="CacheLifetime"/> per silo, so a revoked key may work on a silo for up to that long. A prefix with no
/// key is remembered for <see cref="UnknownLifetime"/>, so one unknown key sent again and again is not a grain call each.
/// </summary>
internal sealed class ApiKeyAuthenticator(IGrainFactory grains, TimeProvider time) : IApiKeyAuthenticator
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;
    /// <summary>How long an unknown key prefix is answered without asking its grain again.</summary>
    public static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(10);
    private readonly ExpiringCache<ApiCaller> _cache = new(time, CacheLifetime, MaxCached);
    private readonly ExpiringCache<bool> _unknown = new(time, UnknownLifetime, MaxCached);

    /// <summary>A key was issued: forget the unknown prefixes (one of them might be its own).</summary>
    public void KeyIssued() => _unknown.Clear();

    public async Task<ApiCaller?> AuthenticateAsync(string key, CancellationToken cancellationToken = default)
    {
        // The cache is keyed by the SHA-256 of the key, never the key itself.
        var hash = SecretHasher.HashApiKey(key);
        if (_cache.TryGet(hash, out var hit))
        {
            return hit;
        }
        if (!SecretHasher.TryGetApiKeyPrefixId(key, out var prefix))
        {
            return null;
        }
        if (_unknown.TryGet(prefix, out _))
        {
            return null;
        }
        var record = await grains.GetGrain<IApiKeyGrain>(prefix).GetAsync(cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // Only an absent record: a wrong secret for a real prefix must not lock the real key out.
            _unknown.Set(prefix, true);
            return null;
        }
        // A key stored with an undefined role (accepted before roles were checked) acts as nothing.
        if (record.Revoked || !Enum.IsDefined(record.Role) || !SecretHasher.VerifyApiKey(key, record.Hash))
        {
            return null;
        }
        var caller = new ApiCaller(record.TenantId, record.KeyId, record.Role);
        _cache.Set(hash, caller);
        return caller;
    }
}
