using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Console;

/// <summary>A tenant's admin directory: invitations live until their validity ends on the silo's clock, are used once,
/// and the last Admin stays.</summary>
public sealed class ConsoleAdminsGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private IConsoleAdminsGrain NewDirectory() => host.Grains.GetGrain<IConsoleAdminsGrain>("t" + Guid.NewGuid().ToString("N")[..12]);

    private NewAdminPasskey Passkey(string credentialId) =>
        new(credentialId, "laptop", [1, 2, 3], 0, new CeremonyUse("cer_" + Guid.NewGuid().ToString("N"), host.Time.GetUtcNow().AddMinutes(5)));

    [Fact]
    public async Task FindInvitation_WithinItsValidity_FoundAndListed()
    {
        var directory = NewDirectory();

        var invitation = await directory.InviteAsync(ApiKeyRole.Admin, "hash-1", TimeSpan.FromHours(1), "bootstrap", Origin);
        host.Time.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(invitation, await directory.FindInvitationAsync("hash-1"));
        Assert.Equal([invitation.InvitationId], (await directory.GetAsync()).Invitations.Select(i => i.InvitationId));
        Assert.Null(await directory.FindInvitationAsync("hash-other"));
    }

    [Fact]
    public async Task FindInvitation_AfterItsValidity_GoneAndAcceptRefused()
    {
        var directory = NewDirectory();
        await directory.InviteAsync(ApiKeyRole.Admin, "hash-1", TimeSpan.FromHours(1), "bootstrap", Origin);

        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await directory.FindInvitationAsync("hash-1"));
        Assert.Empty((await directory.GetAsync()).Invitations);
        var refused = await Assert.ThrowsAsync<PushAuthException>(() => directory.AcceptInvitationAsync("hash-1", "adm_1", "Ada", Passkey("cred-1"), Origin));
        Assert.Equal(ProblemCodes.Console.InvitationInvalid.Code, refused.Code);
        Assert.Empty((await directory.GetAsync()).Admins);
    }

    [Fact]
    public async Task AcceptInvitation_Open_AddsTheAdminWithTheInvitedRoleOnce()
    {
        var directory = NewDirectory();
        await directory.InviteAsync(ApiKeyRole.Admin, "hash-1", TimeSpan.FromHours(1), "bootstrap", Origin);

        var admin = await directory.AcceptInvitationAsync("hash-1", "adm_1", "Ada", Passkey("cred-1"), Origin);

        Assert.Equal(ApiKeyRole.Admin, admin.Role);
        Assert.Equal(host.Time.GetUtcNow(), admin.CreatedAt);
        Assert.Equal(["cred-1"], admin.Passkeys.Select(p => p.CredentialId));
        Assert.Null(await directory.FindInvitationAsync("hash-1"));
        await Assert.ThrowsAsync<PushAuthException>(() => directory.AcceptInvitationAsync("hash-1", "adm_2", "Bob", Passkey("cred-2"), Origin));
        Assert.Equal(["adm_1"], (await directory.GetAsync()).Admins.Select(a => a.AdminId));
    }

    [Fact]
    public async Task RevokeInvitation_Open_GoneAndASecondRevokeIsFalse()
    {
        var directory = NewDirectory();
        var invitation = await directory.InviteAsync(ApiKeyRole.Auditor, "hash-1", TimeSpan.FromHours(1), "adm_0", Origin);

        Assert.True(await directory.RevokeInvitationAsync(invitation.InvitationId, "adm_0", Origin));
        Assert.False(await directory.RevokeInvitationAsync(invitation.InvitationId, "adm_0", Origin));
        Assert.Null(await directory.FindInvitationAsync("hash-1"));
    }

    [Fact]
    public async Task Invite_ALoginServiceRole_RefusedAsNoConsoleRole()
    {
        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            NewDirectory().InviteAsync(ApiKeyRole.LoginService, "hash-1", TimeSpan.FromHours(1), "adm_0", Origin));

        Assert.Equal(ProblemCodes.Tenants.RoleInvalid.Code, refused.Code);
    }

    [Fact]
    public async Task Remove_TheLastAdmin_RefusedWithLastAdmin()
    {
        var directory = NewDirectory();
        await directory.InviteAsync(ApiKeyRole.Admin, "hash-1", TimeSpan.FromHours(1), "bootstrap", Origin);
        await directory.AcceptInvitationAsync("hash-1", "adm_1", "Ada", Passkey("cred-1"), Origin);

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => directory.RemoveAsync("adm_1", "adm_1", Origin));

        Assert.Equal(ProblemCodes.Console.LastAdmin.Code, refused.Code);
        Assert.Single((await directory.GetAsync()).Admins);
    }
}
