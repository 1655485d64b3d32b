using PushAuth.Abstractions;
using PushAuth.Domain.Console;
using Xunit;

namespace PushAuth.Domain.Tests.Console;

/// <summary>The admin directory's rules without I/O: invitations used once, ceremonies counted once, counters moving
/// forward, and a tenant that never loses its last Admin.</summary>
public sealed class AdminDirectoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static AdminInvitation Invitation(string id, ApiKeyRole role, TimeSpan? validity = null) =>
        new(id, "hash-" + id, role, T0, T0 + (validity ?? TimeSpan.FromHours(24)), "test");

    private static NewAdminPasskey Passkey(string credentialId, string ceremony) =>
        new(credentialId, "Laptop", [1, 2, 3], 0, new CeremonyUse(ceremony, T0.AddMinutes(5)));

    private static AdminDirectoryState WithAdmin(out ConsoleAdmin admin, ApiKeyRole role = ApiKeyRole.Admin, string id = "adm_a", string credential = "cred-a")
    {
        var s = AdminDirectory.Invite(new AdminDirectoryState(), Invitation("ai_" + id, role));
        (s, admin, _) = AdminDirectory.Accept(s, "hash-ai_" + id, id, "Ada", Passkey(credential, "c-" + id), T0);
        return s;
    }

    [Fact]
    public void Accept_InvitationUsedOnce_SecondUseIsInvalid()
    {
        var s = AdminDirectory.Invite(new AdminDirectoryState(), Invitation("ai_1", ApiKeyRole.ManageMfa));

        var (after, admin, _) = AdminDirectory.Accept(s, "hash-ai_1", "adm_1", "Hal", Passkey("cred-1", "c1"), T0);
        var again = Assert.Throws<PushAuthException>(() => AdminDirectory.Accept(after, "hash-ai_1", "adm_2", "Mallory", Passkey("cred-2", "c2"), T0));

        Assert.Equal(ApiKeyRole.ManageMfa, admin.Role);
        Assert.Empty(after.Invitations);
        Assert.Equal("invitation.invalid", again.Code);
    }

    [Fact]
    public void Accept_ExpiredInvitation_Invalid_AndPruned()
    {
        var s = AdminDirectory.Invite(new AdminDirectoryState(), Invitation("ai_1", ApiKeyRole.Admin, TimeSpan.FromHours(1)));

        var expired = Assert.Throws<PushAuthException>(() => AdminDirectory.Accept(s, "hash-ai_1", "adm_1", "Late", Passkey("c", "c1"), T0.AddHours(1)));

        Assert.Equal("invitation.invalid", expired.Code);
        Assert.Empty(AdminDirectory.Prune(s, T0.AddHours(1)).Invitations);
    }

    [Theory]
    [InlineData(ApiKeyRole.LoginService)]
    [InlineData((ApiKeyRole)9)]
    public void Invite_NotAConsoleRole_Invalid(ApiKeyRole role) =>
        Assert.Equal("role.invalid", Assert.Throws<PushAuthException>(() => AdminDirectory.Invite(new AdminDirectoryState(), Invitation("ai_1", role))).Code);

    [Fact]
    public void RecordAssertion_SameCeremonyTwice_SecondIsNull()
    {
        var s = WithAdmin(out var ada);
        var assertion = new AdminAssertion(ada.AdminId, "cred-a", 0, new CeremonyUse("sign-in-1", T0.AddMinutes(5)));

        var first = AdminDirectory.RecordAssertion(s, assertion, T0.AddMinutes(1));
        var replay = AdminDirectory.RecordAssertion(first!.Value.State, assertion, T0.AddMinutes(2));

        Assert.NotNull(first);
        Assert.Equal(T0.AddMinutes(1), first.Value.Admin.Passkeys.Single().LastUsedAt);
        Assert.Null(replay);
        Assert.Empty(AdminDirectory.Prune(first.Value.State, T0.AddMinutes(5)).UsedCeremonies);
    }

    [Theory]
    [InlineData(5u, 5u)]
    [InlineData(5u, 4u)]
    [InlineData(5u, 0u)]
    public void RecordAssertion_CounterNotForward_Null(uint stored, uint presented)
    {
        var s = WithAdmin(out var ada);
        s = AdminDirectory.RecordAssertion(s, new AdminAssertion(ada.AdminId, "cred-a", stored, new CeremonyUse("c-0", T0.AddMinutes(5))), T0)!.Value.State;

        Assert.Null(AdminDirectory.RecordAssertion(s, new AdminAssertion(ada.AdminId, "cred-a", presented, new CeremonyUse("c-1", T0.AddMinutes(5))), T0));
        Assert.NotNull(AdminDirectory.RecordAssertion(s, new AdminAssertion(ada.AdminId, "cred-a", stored + 1, new CeremonyUse("c-2", T0.AddMinutes(5))), T0));
    }

    [Fact]
    public void RecordAssertion_UnknownPasskeyOrExpiredCeremony_Null()
    {
        var s = WithAdmin(out var ada);

        Assert.Null(AdminDirectory.RecordAssertion(s, new AdminAssertion(ada.AdminId, "cred-other", 1, new CeremonyUse("c", T0.AddMinutes(5))), T0));
        Assert.Null(AdminDirectory.RecordAssertion(s, new AdminAssertion(ada.AdminId, "cred-a", 1, new CeremonyUse("c", T0)), T0));
    }

    [Fact]
    public void LastAdmin_CannotBeDemotedRemovedOrLoseTheLastPasskey_ASecondAdminLiftsIt()
    {
        var s = WithAdmin(out var ada);

        Assert.Equal("admins.last-admin", Assert.Throws<PushAuthException>(() => AdminDirectory.SetRole(s, ada.AdminId, ApiKeyRole.Auditor, T0)).Code);
        Assert.Equal("admins.last-admin", Assert.Throws<PushAuthException>(() => AdminDirectory.Remove(s, ada.AdminId)).Code);
        Assert.Equal("passkey.last-of-last-admin", Assert.Throws<PushAuthException>(() => AdminDirectory.RemovePasskey(s, ada.AdminId, "cred-a")).Code);

        s = AdminDirectory.Invite(s, Invitation("ai_b", ApiKeyRole.Admin));
        (s, _, _) = AdminDirectory.Accept(s, "hash-ai_b", "adm_b", "Bea", Passkey("cred-b", "c-b"), T0);
        var (demoted, admin, before) = AdminDirectory.SetRole(s, ada.AdminId, ApiKeyRole.Auditor, T0.AddMinutes(1));

        Assert.Equal(ApiKeyRole.Admin, before);
        Assert.Equal(ApiKeyRole.Auditor, admin.Role);
        Assert.Equal(T0.AddMinutes(1), admin.SessionsNotBefore);
        Assert.Equal("adm_a", AdminDirectory.Remove(demoted, ada.AdminId)!.Value.Removed.AdminId);
    }

    [Fact]
    public void AddPasskey_CredentialOfAnotherAdminOrUsedCeremony_Refused()
    {
        var s = WithAdmin(out var ada);
        s = AdminDirectory.Invite(s, Invitation("ai_h", ApiKeyRole.ManageMfa));
        (s, _, _) = AdminDirectory.Accept(s, "hash-ai_h", "adm_h", "Hal", Passkey("cred-h", "c-h"), T0);

        Assert.Equal("passkey.already-registered", Assert.Throws<PushAuthException>(() => AdminDirectory.AddPasskey(s, ada.AdminId, Passkey("cred-h", "c-new"), T0)).Code);
        Assert.Equal("passkey.ceremony-used", Assert.Throws<PushAuthException>(() => AdminDirectory.AddPasskey(s, ada.AdminId, Passkey("cred-x", "c-h"), T0)).Code);
        var (added, admin) = AdminDirectory.AddPasskey(s, ada.AdminId, Passkey("cred-x", "c-new"), T0);
        Assert.Equal(["cred-a", "cred-x"], admin.Passkeys.Select(p => p.CredentialId));
        Assert.Equal("adm_a", added.Admins.Single(a => a.Passkey("cred-x") is not null).AdminId);
    }
}
