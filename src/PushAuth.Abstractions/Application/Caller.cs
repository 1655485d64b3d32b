namespace PushAuth.Abstractions;

/// <summary>Who asks an application service to act for a tenant: the tenant (always from the credential, never from a
/// URL), the role the credential carries, and the actor the history records (<c>{role}:{keyId}</c> for an API key,
/// <c>console:{adminId}</c> for a console admin).</summary>
/// <param name="KeyId">The API key's id, when the caller is a key (temporary codes may be limited to one).</param>
public sealed record Caller(string TenantId, string Actor, ApiKeyRole Role, string? KeyId = null)
{
    /// <summary>Whether the caller's role grants <paramref name="permission"/>.</summary>
    public bool Grants(AdminPermission permission) => TenantRoles.Grants(Role, permission);

    /// <summary>Refuses (403 <c>auth.permission</c>) unless the caller's role grants <paramref name="permission"/>: the
    /// services check it themselves, so a host that forgets its authorization filter opens nothing.</summary>
    public void Demand(AdminPermission permission)
    {
        if (!Grants(permission))
        {
            throw MissingPermission(Role, permission);
        }
    }

    /// <summary>The 403 of a role that does not grant a permission.</summary>
    public static PushAuthException MissingPermission(ApiKeyRole role, AdminPermission permission) =>
        ProblemCodes.Auth.Permission.Error($"This operation needs the {permission} permission, which the {role} role does not grant.");
}
