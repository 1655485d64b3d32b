namespace PushAuth.Abstractions;

/// <summary>
/// A tenant's admin directory (key: tenant id): the admins of the console, their passkeys, open invitations, and the
/// WebAuthn ceremonies used up and not yet expired. The only way in is an invitation (from bootstrap, recover-admin or an
/// Admin in the console); no API key and no end-user operation reaches it. Does no cryptography: the silo verifies
/// attestations and assertions, this grain decides what they may change. A leaf; its history events are owed effects.
/// </summary>
[Alias("pa.IConsoleAdminsGrain")]
public interface IConsoleAdminsGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<ConsoleAdmins> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a new invitation (only the hash of its token).</summary>
    [Alias("Invite")]
    Task<AdminInvitation> InviteAsync(ApiKeyRole role, string tokenHash, TimeSpan validity, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Revokes an open invitation; false when there is none with that id.</summary>
    [Alias("RevokeInvitation")]
    Task<bool> RevokeInvitationAsync(string invitationId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The open, unexpired invitation whose token hashes to <paramref name="tokenHash"/>, or null.</summary>
    [Alias("FindInvitation"), ReadOnly]
    Task<AdminInvitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Uses the invitation up: a new admin named <paramref name="displayName"/> with its role and the passkey.</summary>
    [Alias("Accept")]
    Task<ConsoleAdmin> AcceptInvitationAsync(string tokenHash, string adminId, string displayName, NewAdminPasskey passkey, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>Adds a passkey to an admin (their own, from a fresh console session).</summary>
    [Alias("AddPasskey")]
    Task<ConsoleAdmin> AddPasskeyAsync(string adminId, NewAdminPasskey passkey, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Removes one of an admin's passkeys; never the last passkey of the last Admin.</summary>
    [Alias("RemovePasskey")]
    Task<ConsoleAdmin> RemovePasskeyAsync(string adminId, string credentialId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Records a verified assertion (<paramref name="purpose"/>: sign-in or step-up): null when it may not count
    /// (ceremony already used, passkey removed, counter gone backwards); the admin otherwise.</summary>
    [Alias("RecordAssertion")]
    Task<ConsoleAdmin?> RecordAssertionAsync(AdminAssertion assertion, string purpose, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Changes an admin's role (never the last Admin's away from Admin); ends their sessions.</summary>
    [Alias("SetRole")]
    Task<ConsoleAdmin> SetRoleAsync(string adminId, ApiKeyRole role, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Removes an admin (never the last Admin); their sessions end with them.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string adminId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Ends every console session of <paramref name="adminId"/> issued until now (sign-out).</summary>
    [Alias("EndSessions")]
    Task EndSessionsAsync(string adminId, RequestOrigin origin, CancellationToken cancellationToken = default);
}
