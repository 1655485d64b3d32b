namespace PushAuth.Abstractions;

/// <summary>The permissions of each role, in one place.</summary>
public static class TenantRoles
{
    /// <summary>What the delegated Manage-MFA role may do (Salesforce's "Manage Multi-Factor Authentication in User Interface").</summary>
    public const AdminPermission ManageMfa = AdminPermission.ReadUsers | AdminPermission.ReadHistory | AdminPermission.IssueTemporaryCodes
        | AdminPermission.ManageMethods | AdminPermission.RevokeMethods;

    public const AdminPermission Auditor = AdminPermission.ReadUsers | AdminPermission.ReadHistory;

    public const AdminPermission All = AdminPermission.LoginApi | ManageMfa | AdminPermission.ManageTenant;

    /// <summary>The permissions of <paramref name="role"/>; an undefined value has none.</summary>
    public static AdminPermission PermissionsOf(ApiKeyRole role) => role switch
    {
        ApiKeyRole.LoginService => AdminPermission.LoginApi,
        ApiKeyRole.Admin => All,
        ApiKeyRole.ManageMfa => ManageMfa,
        ApiKeyRole.Auditor => Auditor,
        _ => AdminPermission.None,
    };

    /// <summary>True when <paramref name="role"/> grants <paramref name="permission"/>.</summary>
    public static bool Grants(ApiKeyRole role, AdminPermission permission) => permission != AdminPermission.None && (PermissionsOf(role) & permission) == permission;
}
