using System.Text.Json.Nodes;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>WebAuthn options for the browser (<c>navigator.credentials</c>), as the Fido2 library writes them.</summary>
public sealed record PasskeyOptions(JsonNode? PublicKey);

/// <summary>A finished sign-in: who is signed in, with which role.</summary>
public sealed record ConsoleSignedIn(string Status, string AdminId, string DisplayName, string Role);

/// <summary>A finished step-up: when the passkey was asserted and until when high-assurance actions need no other.</summary>
public sealed record SteppedUp(DateTimeOffset AssertedAt, DateTimeOffset HighAssuranceUntil);

/// <summary>An opened setup link: the tenant, the invitation's role and expiry, and the creation options of the first passkey.</summary>
public sealed record SetupOptions(string TenantId, string Role, DateTimeOffset ExpiresAt, JsonNode? PublicKey);

/// <summary>A finished setup: the new admin, signed in.</summary>
public sealed record ConsoleEnrolled(string AdminId, string DisplayName, string Role, string TenantId);

/// <summary>An admin as the console lists them.</summary>
public sealed record ConsoleAdminView(string AdminId, string DisplayName, string Role, DateTimeOffset CreatedAt, string CreatedBy, IEnumerable<PasskeyView> Passkeys)
{
    public static ConsoleAdminView Of(ConsoleAdmin a) => new(a.AdminId, a.DisplayName, a.Role.ToString(), a.CreatedAt, a.CreatedBy, a.Passkeys.Select(PasskeyView.Of));
}

/// <summary>A passkey as the console lists it (never its key).</summary>
public sealed record PasskeyView(string CredentialId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static PasskeyView Of(AdminPasskey p) => new(p.CredentialId, p.Name, p.CreatedAt, p.LastUsedAt);
}

/// <summary>An open invitation (never its link).</summary>
public sealed record InvitationView(string InvitationId, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string CreatedBy)
{
    public static InvitationView Of(AdminInvitation i) => new(i.InvitationId, i.Role.ToString(), i.CreatedAt, i.ExpiresAt, i.CreatedBy);
}

/// <summary>A new invitation, with its one-time setup link (shown once).</summary>
public sealed record InvitationCreated(string InvitationId, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string CreatedBy, string SetupLink);

/// <summary>The console's lists.</summary>
public sealed record ConsoleAdminList(IEnumerable<ConsoleAdminView> Admins);

public sealed record InvitationList(IEnumerable<InvitationView> Invitations);

public sealed record PasskeyList(IEnumerable<PasskeyView> Passkeys);

/// <summary>The signed-in admin as the console page sees them: their permissions, until when high-assurance actions need no
/// step-up, and the session's CSRF token.</summary>
public sealed record ConsoleSessionView(string TenantId, string? AdminId, string? DisplayName, string Role, IEnumerable<string> Permissions, DateTimeOffset? SignedInAt,
    DateTimeOffset? AssertedAt, DateTimeOffset? HighAssuranceUntil, DateTimeOffset ExpiresAt, string CsrfToken)
{
    public static ConsoleSessionView Of(Auth.AdminPrincipal p, string csrfToken, DateTimeOffset expiresAt, TimeSpan highAssuranceWindow) =>
        new(p.TenantId, p.ConsoleAdminId, p.DisplayName, p.Role.ToString(),
            [.. Enum.GetValues<AdminPermission>().Where(x => x != AdminPermission.None && TenantRoles.Grants(p.Role, x)).Select(x => x.ToString())],
            p.SignedInAt, p.AssertedAt, p.AssertedAt + highAssuranceWindow, expiresAt, csrfToken);
}
