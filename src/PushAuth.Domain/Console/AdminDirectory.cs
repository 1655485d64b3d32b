namespace PushAuth.Domain.Console;

/// <summary>
/// The rules of a tenant's admin directory, pure: invitations are single-use and expire; a ceremony counts once; a
/// tenant never loses its last Admin (nor that Admin their last passkey); roles are Admin, ManageMfa or Auditor. Each
/// method returns the next state or throws the refusal.
/// </summary>
public static class AdminDirectory
{
    /// <summary>Shortest and longest life of an invitation.</summary>
    public static readonly TimeSpan MinInvitationValidity = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan MaxInvitationValidity = TimeSpan.FromDays(7);

    /// <summary>Drops expired invitations and ceremonies.</summary>
    public static AdminDirectoryState Prune(AdminDirectoryState s, DateTimeOffset now) => s with
    {
        Invitations = [.. s.Invitations.Where(i => i.ExpiresAt > now)],
        UsedCeremonies = s.UsedCeremonies.Where(c => c.Value > now).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
    };

    public static void EnsureConsoleRole(ApiKeyRole role)
    {
        if (role is not (ApiKeyRole.Admin or ApiKeyRole.ManageMfa or ApiKeyRole.Auditor))
        {
            throw ProblemCodes.Tenants.RoleInvalid.Error("An admin's 'role' must be Admin, ManageMfa or Auditor.");
        }
    }

    public static AdminDirectoryState Invite(AdminDirectoryState pruned, AdminInvitation invitation)
    {
        EnsureConsoleRole(invitation.Role);
        if (invitation.ExpiresAt - invitation.CreatedAt < MinInvitationValidity || invitation.ExpiresAt - invitation.CreatedAt > MaxInvitationValidity)
        {
            throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("An invitation lives between 10 minutes and 7 days.");
        }
        if (pruned.Invitations.Count >= ConsoleAdmins.MaxInvitations)
        {
            throw ProblemCodes.Console.TooManyInvitations.Error($"At most {ConsoleAdmins.MaxInvitations} open invitations; revoke some first.");
        }
        return pruned with { Invitations = [.. pruned.Invitations, invitation] };
    }

    public static AdminInvitation? OpenInvitation(AdminDirectoryState s, string tokenHash, DateTimeOffset now) =>
        s.Invitations.FirstOrDefault(i => i.TokenHash == tokenHash && i.ExpiresAt > now);

    /// <summary>Uses an invitation up and adds the admin it names.</summary>
    public static (AdminDirectoryState State, ConsoleAdmin Admin, AdminInvitation Invitation) Accept(AdminDirectoryState pruned, string tokenHash, string adminId,
        string displayName, NewAdminPasskey passkey, DateTimeOffset now)
    {
        var invitation = OpenInvitation(pruned, tokenHash, now) ?? throw InvitationInvalid();
        if (pruned.Admins.Count >= ConsoleAdmins.MaxAdmins)
        {
            throw ProblemCodes.Console.TooManyAdmins.Error($"At most {ConsoleAdmins.MaxAdmins} admins.");
        }
        if (pruned.Admins.Any(a => a.AdminId == adminId))
        {
            throw InvitationInvalid();
        }
        var s = UseCeremony(pruned, passkey.Ceremony);
        EnsureNewCredential(s, passkey.CredentialId);
        var admin = new ConsoleAdmin(adminId, displayName, invitation.Role, now, "invitation:" + invitation.InvitationId,
            [new AdminPasskey(passkey.CredentialId, passkey.Name, passkey.PublicKey, passkey.SignCount, now, null)], null);
        return (s with { Admins = [.. s.Admins, admin], Invitations = [.. s.Invitations.Where(i => i.InvitationId != invitation.InvitationId)] }, admin, invitation);
    }

    public static (AdminDirectoryState State, ConsoleAdmin Admin) AddPasskey(AdminDirectoryState pruned, string adminId, NewAdminPasskey passkey, DateTimeOffset now)
    {
        var admin = Existing(pruned, adminId);
        if (admin.Passkeys.Count >= ConsoleAdmin.MaxPasskeys)
        {
            throw ProblemCodes.Console.TooManyPasskeys.Error($"At most {ConsoleAdmin.MaxPasskeys} passkeys per admin; remove one first.");
        }
        var s = UseCeremony(pruned, passkey.Ceremony);
        EnsureNewCredential(s, passkey.CredentialId);
        var next = admin with { Passkeys = [.. admin.Passkeys, new AdminPasskey(passkey.CredentialId, passkey.Name, passkey.PublicKey, passkey.SignCount, now, null)] };
        return (Replace(s, next), next);
    }

    public static (AdminDirectoryState State, ConsoleAdmin Admin) RemovePasskey(AdminDirectoryState s, string adminId, string credentialId)
    {
        var admin = Existing(s, adminId);
        if (admin.Passkey(credentialId) is null)
        {
            throw ProblemCodes.Console.PasskeyNotFound.Error("No such passkey of yours.");
        }
        if (admin.Passkeys.Count == 1 && IsLastAdmin(s, admin))
        {
            throw ProblemCodes.Console.PasskeyLastOfLastAdmin.Error("This is the last passkey of the tenant's last Admin: add another passkey first.");
        }
        var next = admin with { Passkeys = [.. admin.Passkeys.Where(p => p.CredentialId != credentialId)] };
        return (Replace(s, next), next);
    }

    /// <summary>Records a verified assertion; null when it may not count. Refused alike: a used ceremony, an unknown
    /// admin or passkey, a signature counter that did not move forward (a cloned authenticator).</summary>
    public static (AdminDirectoryState State, ConsoleAdmin Admin)? RecordAssertion(AdminDirectoryState pruned, AdminAssertion assertion, DateTimeOffset now)
    {
        if (pruned.UsedCeremonies.ContainsKey(assertion.Ceremony.CeremonyId) || assertion.Ceremony.ExpiresAt <= now
            || pruned.Admins.FirstOrDefault(a => a.AdminId == assertion.AdminId) is not { } admin || admin.Passkey(assertion.CredentialId) is not { } passkey)
        {
            return null;
        }
        // WebAuthn §7.2 step 21: when either counter is non-zero the new one must be greater.
        if ((assertion.SignCount != 0 || passkey.SignCount != 0) && assertion.SignCount <= passkey.SignCount)
        {
            return null;
        }
        var next = admin with
        {
            Passkeys = [.. admin.Passkeys.Select(p => p.CredentialId == passkey.CredentialId ? p with { SignCount = assertion.SignCount, LastUsedAt = now } : p)],
        };
        return (Replace(UseCeremony(pruned, assertion.Ceremony), next), next);
    }

    public static (AdminDirectoryState State, ConsoleAdmin Admin, ApiKeyRole Before) SetRole(AdminDirectoryState s, string adminId, ApiKeyRole role, DateTimeOffset now)
    {
        EnsureConsoleRole(role);
        var admin = Existing(s, adminId);
        if (admin.Role == ApiKeyRole.Admin && role != ApiKeyRole.Admin && IsLastAdmin(s, admin))
        {
            throw ProblemCodes.Console.LastAdmin.Error("The tenant's last Admin keeps the Admin role: make someone else Admin first.");
        }
        var next = admin with { Role = role, SessionsNotBefore = now };
        return (Replace(s, next), next, admin.Role);
    }

    public static (AdminDirectoryState State, ConsoleAdmin Removed)? Remove(AdminDirectoryState s, string adminId)
    {
        if (s.Admins.FirstOrDefault(a => a.AdminId == adminId) is not { } admin)
        {
            return null;
        }
        if (IsLastAdmin(s, admin))
        {
            throw ProblemCodes.Console.LastAdmin.Error("The tenant's last Admin cannot be removed: make someone else Admin first.");
        }
        return (s with { Admins = [.. s.Admins.Where(a => a.AdminId != adminId)] }, admin);
    }

    public static (AdminDirectoryState State, ConsoleAdmin Admin)? EndSessions(AdminDirectoryState s, string adminId, DateTimeOffset now)
    {
        if (s.Admins.FirstOrDefault(a => a.AdminId == adminId) is not { } admin)
        {
            return null;
        }
        var next = admin with { SessionsNotBefore = now };
        return (Replace(s, next), next);
    }

    public static PushAuthException InvitationInvalid() =>
        ProblemCodes.Console.InvitationInvalid.Error("This setup link is unknown, used, revoked or expired: ask an Admin for a new one.");

    private static bool IsLastAdmin(AdminDirectoryState s, ConsoleAdmin admin) =>
        admin.Role == ApiKeyRole.Admin && s.Admins.Count(a => a.Role == ApiKeyRole.Admin) == 1;

    private static ConsoleAdmin Existing(AdminDirectoryState s, string adminId) =>
        s.Admins.FirstOrDefault(a => a.AdminId == adminId) ?? throw ProblemCodes.Console.AdminNotFound.Error("No such admin.");

    private static AdminDirectoryState Replace(AdminDirectoryState s, ConsoleAdmin admin) =>
        s with { Admins = [.. s.Admins.Select(a => a.AdminId == admin.AdminId ? admin : a)] };

    private static AdminDirectoryState UseCeremony(AdminDirectoryState s, CeremonyUse ceremony)
    {
        if (s.UsedCeremonies.ContainsKey(ceremony.CeremonyId))
        {
            throw ProblemCodes.Console.PasskeyCeremonyUsed.Error("This passkey ceremony was already used; start again.");
        }
        return s with { UsedCeremonies = new Dictionary<string, DateTimeOffset>(s.UsedCeremonies, StringComparer.Ordinal) { [ceremony.CeremonyId] = ceremony.ExpiresAt } };
    }

    private static void EnsureNewCredential(AdminDirectoryState s, string credentialId)
    {
        if (s.Admins.Any(a => a.Passkey(credentialId) is not null))
        {
            throw ProblemCodes.Console.PasskeyAlreadyRegistered.Error("This passkey is already registered in this tenant.");
        }
    }
}
