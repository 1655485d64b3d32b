using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>Who performs an admin action: an API key, or a person signed in to the console. <see cref="Actor"/> is
/// what the history records (<c>{role}:{keyId}</c> for a key, <c>console:{userId}</c> for a person).</summary>
/// <param name="SignedInAt">For a console session: when the person last proved possession of their own device.</param>
public sealed record AdminPrincipal(string TenantId, string Actor, ApiKeyRole Role, string? KeyId, string? ConsoleUserId, DateTimeOffset? SignedInAt)
{
    public AdminPermission Permissions => TenantRoles.PermissionsOf(Role);

    public bool IsConsole => ConsoleUserId is not null;

    public static AdminPrincipal FromKey(ApiCaller caller) =>
        new(caller.TenantId, $"{caller.Role}:{caller.KeyId}", caller.Role, caller.KeyId, null, null);
}
