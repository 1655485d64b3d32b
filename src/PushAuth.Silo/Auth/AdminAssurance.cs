namespace PushAuth.Silo.Auth;

/// <summary>Who may call an admin endpoint besides holding the permission, and how fresh a console admin's passkey must be.</summary>
public enum AdminAssurance
{
    /// <summary>An API key or a console session.</summary>
    Any,

    /// <summary>An API key, or a console session whose last passkey assertion is within the high-assurance window
    /// (settings, API keys, the webhook secret).</summary>
    FreshIfConsole,

    /// <summary>A console session only (reading the admins and invitations).</summary>
    ConsoleOnly,

    /// <summary>A console session whose last passkey assertion is within the window; no key ever (temporary codes,
    /// revoke-all, admins, invitations, one's own passkeys).</summary>
    FreshConsoleOnly,
}
