using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Users;

/// <summary>A user's temporary codes, called on the user grain: good until their validity ends on the silo's clock,
/// single use unless the tenant says otherwise, at most six an hour.</summary>
public sealed class UserGrainRecoveryTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);
    private const string LoginKey = "ak_login";

    /// <summary>A new tenant with one user (known by a TOTP enrollment).</summary>
    private async Task<(string TenantId, IUserGrain User)> NewUserAsync()
    {
        var tenantId = "t" + Guid.NewGuid().ToString("N")[..12];
        await host.Grains.GetGrain<ITenantGrain>(tenantId).CreateAsync("Acme", Origin);
        var user = host.Grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, "alice"));
        await user.EnrollTotpAsync(tenantId, "alice", null, Origin);
        return (tenantId, user);
    }

    [Fact]
    public async Task VerifyCode_WithinItsValidity_AcceptedOnceAsATemporaryCode()
    {
        var (tenantId, user) = await NewUserAsync();
        var issued = await user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin);
        host.Time.Advance(TimeSpan.FromMinutes(59));

        var first = await user.VerifyCodeAsync(tenantId, issued.Code, LoginKey, Origin);
        var again = await user.VerifyCodeAsync(tenantId, issued.Code, LoginKey, Origin);

        Assert.Equal(new CodeVerification(true, issued.CodeId, "temporary-code"), first);
        Assert.False(again.Valid);
    }

    [Fact]
    public async Task VerifyCode_AtItsExpiry_RefusedAndNoLongerShown()
    {
        var (tenantId, user) = await NewUserAsync();
        var issued = await user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(1), issued.ExpiresAt);
        Assert.Equal(issued.CodeId, (await user.GetRecoveryStatusAsync(tenantId)).TemporaryCode?.CodeId);

        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.False((await user.VerifyCodeAsync(tenantId, issued.Code, LoginKey, Origin)).Valid);
        Assert.Null((await user.GetRecoveryStatusAsync(tenantId)).TemporaryCode);
    }

    [Fact]
    public async Task VerifyCode_BoundToAnotherLoginService_Refused()
    {
        var (tenantId, user) = await NewUserAsync();
        var issued = await user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), "ak_other"), "admin-1", Origin);

        Assert.False((await user.VerifyCodeAsync(tenantId, issued.Code, LoginKey, Origin)).Valid);
    }

    [Fact]
    public async Task IssueTemporaryCode_SeventhInAnHour_RateLimitedUntilTheFirstLeavesTheWindow()
    {
        var (tenantId, user) = await NewUserAsync();
        for (var i = 0; i < 6; i++)
        {
            await user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin);
            host.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin));
        Assert.Equal(ProblemCodes.Users.TemporaryCodeRateLimited.Code, refused.Code);
        Assert.Equal(TimeSpan.FromMinutes(30), refused.RetryAfter);

        host.Time.Advance(TimeSpan.FromMinutes(31));
        var issued = await user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin);
        Assert.Equal(6, issued.IssuedInLastHour);
    }

    [Fact]
    public async Task IssueTemporaryCode_UnknownUser_RefusedWithNotFound()
    {
        var tenantId = "t" + Guid.NewGuid().ToString("N")[..12];
        var user = host.Grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, "nobody"));

        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            user.IssueTemporaryCodeAsync(tenantId, new TemporaryCodeRequest(TimeSpan.FromHours(1), null), "admin-1", Origin));

        Assert.Equal(ProblemCodes.Users.NotFound.Code, refused.Code);
    }
}
