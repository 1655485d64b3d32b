namespace PushAuth.Abstractions;

/// <summary>Builds grain keys. The key is also the shard key: users shard by tenant and user id.</summary>
public static class GrainKeys
{
    public static string User(string tenantId, string userId) => $"{tenantId}/{userId}";

    public static (string TenantId, string UserId) ParseUser(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"'{key}' is not a user grain key.", nameof(key));
    }
}
