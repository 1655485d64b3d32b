namespace PushAuth.Silo.Auth;

/// <summary>Bound from <c>PushAuth:Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>How recent an admin's last passkey assertion must be for high-assurance actions (temporary codes, revoke
    /// all, API keys, admins and invitations, settings, the webhook secret); older, the console asks for a fresh one (step-up).</summary>
    public TimeSpan HighAssuranceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a console session lasts after its sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The console's origin as browsers see it (<c>https://mfa.example.com</c>), which passkeys are bound to.
    /// Default: the origin of <c>PushAuth:Silo:PublicUrl</c>; in Development and Testing without either, the request's own.</summary>
    public string? Origin { get; set; }

    /// <summary>The WebAuthn relying-party id (a registrable domain suffix of the origin's host). Default: the origin's host.</summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>The name authenticators show for the passkeys they make.</summary>
    public string RelyingPartyName { get; set; } = "PushAuth admin console";

    /// <summary>How long a passkey ceremony (its challenge) may take.</summary>
    public TimeSpan CeremonyLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a setup link (an invitation) stays valid unless the inviting Admin picks otherwise.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Sign-in and setup attempts one source address may make per minute, cluster-wide.</summary>
    public int SignInAttemptsPerSourcePerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts one tenant may see per minute from all sources together, cluster-wide.</summary>
    public int SignInAttemptsPerTenantPerMinute { get; set; } = 200;
}
