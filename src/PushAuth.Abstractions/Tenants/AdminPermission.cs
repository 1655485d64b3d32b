namespace PushAuth.Abstractions;

/// <summary>What a caller may do. Endpoints ask for one permission; roles grant sets of them (<see cref="TenantRoles"/>).</summary>
[Flags]
public enum AdminPermission
{
    None = 0,

    /// <summary>The login-service API (challenges, pairing, methods, TOTP and temporary-code verification).</summary>
    LoginApi = 1,

    /// <summary>See a user's methods, push status and temporary-code status.</summary>
    ReadUsers = 2,

    /// <summary>Query, export and verify the identity-verification history.</summary>
    ReadHistory = 4,

    /// <summary>Generate and expire temporary verification codes.</summary>
    IssueTemporaryCodes = 8,

    /// <summary>Disconnect a verification method; show a QR pairing offer for a new phone.</summary>
    ManageMethods = 16,

    /// <summary>Revoke every method of a user after a loss or theft.</summary>
    RevokeMethods = 32,

    /// <summary>Settings, API keys, console admins, the webhook secret, lifting push blocks and TOTP locks.</summary>
    ManageTenant = 64,
}
