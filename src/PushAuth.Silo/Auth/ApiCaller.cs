using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>An authenticated login service or admin: the tenant comes from the key, never from the URL.</summary>
public sealed record ApiCaller(string TenantId, string KeyId, ApiKeyRole Role)
{
    public AdminPermission Permissions => TenantRoles.PermissionsOf(Role);
}
