using System.Globalization;
using PushAuth.Domain.Console;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Storage;
using PushAuth.History;

namespace PushAuth.Grains.Console;

/// <summary>A tenant's admin directory: the thin shell around <see cref="AdminDirectory"/>. A leaf: it calls no grain; its
/// history events (every change, with the acting admin) are handed out after its write.</summary>
internal sealed class ConsoleAdminsGrain(
    [PersistentState("admindirectory", StorageNames.Default)] IPersistentState<AdminDirectoryState> state,
    EffectDelivery effects,
    TimeProvider time) : OwingGrain<AdminDirectoryState>(state, effects), IConsoleAdminsGrain
{
    protected override string GrainTypeName => "consoleadmins";

    private string TenantId => this.GetPrimaryKeyString();

    protected override AdminDirectoryState WithOwed(AdminDirectoryState s, OwedEffects owed) => s with { Owed = owed };

    public Task<ConsoleAdmins> GetAsync(CancellationToken cancellationToken = default)
    {
        var s = AdminDirectory.Prune(Persisted.State, time.GetUtcNow());
        return Task.FromResult(new ConsoleAdmins(s.Admins, s.Invitations));
    }

    public async Task<AdminInvitation> InviteAsync(ApiKeyRole role, string tokenHash, TimeSpan validity, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var invitation = new AdminInvitation("ai_" + EffectIds.New(), tokenHash, role, now, now + validity, actor);
        var s = AdminDirectory.Invite(AdminDirectory.Prune(Persisted.State, now), invitation);
        await SaveAsync(s with
        {
            Owed = s.Owed.Plus(History(null, actor, HistoryActivities.AdminInvited, "invited", origin,
                string.Create(CultureInfo.InvariantCulture, $"invitation={invitation.InvitationId}; role={role}; validUntil={invitation.ExpiresAt:O}"))),
        }, cancellationToken);
        return invitation;
    }

    public async Task<bool> RevokeInvitationAsync(string invitationId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = AdminDirectory.Prune(Persisted.State, time.GetUtcNow());
        if (s.Invitations.All(i => i.InvitationId != invitationId))
        {
            return false;
        }
        await SaveAsync(s with
        {
            Invitations = [.. s.Invitations.Where(i => i.InvitationId != invitationId)],
            Owed = s.Owed.Plus(History(null, actor, HistoryActivities.AdminInvitationRevoked, "revoked", origin, $"invitation={invitationId}")),
        }, cancellationToken);
        return true;
    }

    public Task<AdminInvitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(AdminDirectory.OpenInvitation(Persisted.State, tokenHash, time.GetUtcNow()));

    public async Task<ConsoleAdmin> AcceptInvitationAsync(string tokenHash, string adminId, string displayName, NewAdminPasskey passkey, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (s, admin, invitation) = AdminDirectory.Accept(AdminDirectory.Prune(Persisted.State, now), tokenHash, adminId, displayName, passkey, now);
        await SaveAsync(s with
        {
            Owed = s.Owed.Plus(History(admin, HistoryActivities.AdminEnrolled, "enrolled", origin,
                $"invitation={invitation.InvitationId}; invitedBy={invitation.CreatedBy}; role={admin.Role}; passkey={Short(passkey.CredentialId)}")),
        }, cancellationToken);
        return admin;
    }

    public async Task<ConsoleAdmin> AddPasskeyAsync(string adminId, NewAdminPasskey passkey, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (s, admin) = AdminDirectory.AddPasskey(AdminDirectory.Prune(Persisted.State, now), adminId, passkey, now);
        await SaveAsync(s with { Owed = s.Owed.Plus(History(admin, HistoryActivities.AdminPasskeyAdded, "added", origin, $"passkey={Short(passkey.CredentialId)}")) }, cancellationToken);
        return admin;
    }

    public async Task<ConsoleAdmin> RemovePasskeyAsync(string adminId, string credentialId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var (s, admin) = AdminDirectory.RemovePasskey(Persisted.State, adminId, credentialId);
        await SaveAsync(s with { Owed = s.Owed.Plus(History(admin, HistoryActivities.AdminPasskeyRemoved, "removed", origin, $"passkey={Short(credentialId)}")) }, cancellationToken);
        return admin;
    }

    public async Task<ConsoleAdmin?> RecordAssertionAsync(AdminAssertion assertion, string purpose, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (AdminDirectory.RecordAssertion(AdminDirectory.Prune(Persisted.State, now), assertion, now) is not var (s, admin))
        {
            return null;
        }
        var activity = purpose == "step-up" ? HistoryActivities.AdminSteppedUp : HistoryActivities.AdminSignedIn;
        await SaveAsync(s with { Owed = s.Owed.Plus(History(admin, activity, "succeeded", origin, $"passkey={Short(assertion.CredentialId)}")) }, cancellationToken);
        return admin;
    }

    public async Task<ConsoleAdmin> SetRoleAsync(string adminId, ApiKeyRole role, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var (s, admin, before) = AdminDirectory.SetRole(Persisted.State, adminId, role, time.GetUtcNow());
        await SaveAsync(s with
        {
            Owed = s.Owed.Plus(History(null, actor, HistoryActivities.AdminRoleChanged, "changed", origin, $"admin={adminId}; from={before}; to={role}; sessionsEnded=true")),
        }, cancellationToken);
        return admin;
    }

    public async Task<bool> RemoveAsync(string adminId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (AdminDirectory.Remove(Persisted.State, adminId) is not var (s, removed))
        {
            return false;
        }
        await SaveAsync(s with
        {
            Owed = s.Owed.Plus(History(null, actor, HistoryActivities.AdminRemoved, "removed", origin, $"admin={adminId}; role={removed.Role}; sessionsEnded=true")),
        }, cancellationToken);
        return true;
    }

    public async Task EndSessionsAsync(string adminId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (AdminDirectory.EndSessions(Persisted.State, adminId, time.GetUtcNow()) is not var (s, admin))
        {
            return;
        }
        await SaveAsync(s with { Owed = s.Owed.Plus(History(admin, HistoryActivities.AdminSignedOut, "signed-out", origin, null)) }, cancellationToken);
    }

    /// <summary>A credential id in the history: enough to tell passkeys apart, not the whole identifier.</summary>
    private static string Short(string credentialId) => credentialId.Length > 12 ? credentialId[..12] : credentialId;

    private OwedEffects History(ConsoleAdmin admin, string activity, string status, RequestOrigin origin, string? remarks) =>
        History(null, ConsoleActor.Of(admin.AdminId), activity, status, origin, remarks);

    private OwedEffects History(string? userId, string actor, string activity, string status, RequestOrigin origin, string? remarks) => new()
    {
        History = [HistoryEvents.Of(time.GetUtcNow(), TenantId, userId, actor, activity, "passkey", status, origin, remarks: remarks)],
    };
}
