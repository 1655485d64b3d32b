namespace PushAuth.Abstractions;

/// <summary>An authenticated API key: its tenant (the tenant always comes from the key, never from the URL), id and role.</summary>
public sealed record ApiCaller(string TenantId, string KeyId, ApiKeyRole Role)
{
    public AdminPermission Permissions => TenantRoles.PermissionsOf(Role);

    /// <summary>The key as an application service's caller, acting as <c>{role}:{keyId}</c>.</summary>
    public Caller AsCaller() => new(TenantId, $"{Role}:{KeyId}", Role, KeyId);
}
