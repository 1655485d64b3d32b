namespace PushAuth.Abstractions;

/// <summary>A tenant role, held by an API key or by a console admin. A role is a set of <see cref="AdminPermission"/>s
/// (<see cref="TenantRoles.PermissionsOf"/>), never an ordering: an Auditor cannot act, a Manage-MFA helper cannot
/// change settings or keys, a login service cannot read the history. Stored by name; the first two keep their values.</summary>
public enum ApiKeyRole
{
    /// <summary>The login-service API: challenges, pairing, methods, TOTP and temporary-code verification.</summary>
    LoginService = 0,

    /// <summary>Everything: the tenant's settings, keys and console admins, everything Manage-MFA and a login service may do.</summary>
    Admin = 1,

    /// <summary>Delegated MFA management for non-admins: temporary codes, disconnect methods, revoke a lost or stolen
    /// device, pairing offers for a new phone, read the history.</summary>
    ManageMfa = 2,

    /// <summary>Read-only: a user's methods and status, the history (query, export, chain check).</summary>
    Auditor = 3,
}
