using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>Who performs an admin action: an API key, or an admin signed in to the console. <see cref="Actor"/> is what the
/// history records (<c>{role}:{keyId}</c> for a key, <c>console:{adminId}</c> for an admin).</summary>
/// <param name="SignedInAt">For a console session: when the admin signed in with a passkey.</param>
/// <param name="AssertedAt">For a console session: their last passkey assertion (sign-in or step-up), which high-assurance actions look at.</param>
public sealed record AdminPrincipal(string TenantId, string Actor, ApiKeyRole Role, string? KeyId, string? ConsoleAdminId, DateTimeOffset? SignedInAt,
    DateTimeOffset? AssertedAt = null, string? DisplayName = null)
{
    public AdminPermission Permissions => TenantRoles.PermissionsOf(Role);

    public bool IsConsole => ConsoleAdminId is not null;

    /// <summary>The actor as the older key-only admin endpoints recorded it (<c>admin:{keyId}</c>), or the console admin.</summary>
    public string LegacyActor => IsConsole ? Actor : "admin:" + KeyId;

    /// <summary>The principal as an application service's caller, acting as <see cref="Actor"/>.</summary>
    public Caller AsCaller() => new(TenantId, Actor, Role, KeyId);

    /// <summary>As <see cref="AsCaller"/>, acting as <see cref="LegacyActor"/> (the history of the first admin endpoints).</summary>
    public Caller AsLegacyCaller() => new(TenantId, LegacyActor, Role, KeyId);

    public static AdminPrincipal FromKey(ApiCaller caller) =>
        new(caller.TenantId, $"{caller.Role}:{caller.KeyId}", caller.Role, caller.KeyId, null, null);
}
