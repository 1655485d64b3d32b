using System.Collections.Concurrent;
using PushAuth.Abstractions;

using PushAuth.Security;

namespace PushAuth.Silo.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer pak_…</c> against the stored hash (constant time). A successful check is cached
/// for <see cref="CacheLifetime"/> per silo, so a revoked key may work on a silo for up to that long. A prefix with no
/// key is remembered for <see cref="UnknownLifetime"/>, so one unknown key sent again and again is not a grain call each.
/// </summary>
public sealed class ApiKeyAuthenticator(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;
    /// <summary>How long an unknown key prefix is answered without asking its grain again.</summary>
    public static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ApiCaller Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly NegativeCache _unknown = new(time, UnknownLifetime, MaxCached);

    /// <summary>A key was issued: forget the unknown prefixes (one of them might be its own).</summary>
    public void KeyIssued() => _unknown.Clear();

    public async Task<ApiCaller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (AuthorizationHeader.Credentials(authorization, "Bearer") is not { } key)
        {
            return null;
        }
        var now = time.GetUtcNow();
        // The cache is keyed by the SHA-256 of the key, never the key itself.
        var hash = SecretHasher.HashApiKey(key);
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }
        if (!SecretHasher.TryGetApiKeyPrefixId(key, out var prefix))
        {
            return null;
        }
        if (_unknown.IsKnownMissing(prefix))
        {
            return null;
        }
        var record = await grains.GetGrain<IApiKeyGrain>(prefix).GetAsync(cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // Only an absent record: a wrong secret for a real prefix must not lock the real key out.
            _unknown.Missing(prefix);
            return null;
        }
        // A key stored with an undefined role (accepted before roles were checked) acts as nothing.
        if (record.Revoked || !Enum.IsDefined(record.Role) || !SecretHasher.VerifyApiKey(key, record.Hash))
        {
            return null;
        }
        var caller = new ApiCaller(record.TenantId, record.KeyId, record.Role);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
        _cache[hash] = (caller, now + CacheLifetime);
        return caller;
    }
}
