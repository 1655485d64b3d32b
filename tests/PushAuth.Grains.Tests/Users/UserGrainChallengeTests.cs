using PushAuth.Grains.Tests.Infrastructure;
using PushAuth.Security;

namespace PushAuth.Grains.Tests.Users;

/// <summary>A user's push challenges, called on the user grain: pending until answered, cancelled or past their expiry on
/// the silo's clock, resolved once, and at most the tenant's pushes per user per minute.</summary>
public sealed class UserGrainChallengeTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    /// <summary>A new tenant (no number matching, so a signed answer needs no typed number) with one user, alice, paired
    /// with one registered phone.</summary>
    private async Task<Alice> PairedUserAsync(int pushesPerMinute = 60)
    {
        var tenantId = "t" + Guid.NewGuid().ToString("N")[..12];
        var tenant = host.Grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.CreateAsync("Acme", Origin);
        await tenant.UpdateSettingsAsync(new TenantSettings("Acme", NumberMatchingDigits: 0, PushesPerUserPerMinute: pushesPerMinute, MaxOutstandingChallenges: 20),
            "admin-1", Origin);
        var keys = DeviceKeyPair.Create();
        var deviceId = "dv_" + Guid.NewGuid().ToString("N")[..20];
        var device = host.Grains.GetGrain<IDeviceGrain>(deviceId);
        await device.RegisterAsync(new DeviceRegistration(keys.PublicKeySpki, "android", "dev", null, "1.0", "Test phone"), Origin);
        await device.AddPairingAsync(tenantId, "alice");
        var user = host.Grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, "alice"));
        await user.AddDeviceAsync(tenantId, "alice", deviceId, "Test phone", "phrase", Origin);
        return new Alice(tenantId, user, deviceId, keys);
    }

    /// <summary>The user of a test and their phone's key pair.</summary>
    private sealed record Alice(string TenantId, IUserGrain User, string DeviceId, DeviceKeyPair Keys) : IDisposable
    {
        public void Dispose() => Keys.Dispose();
    }

    private static async Task<ChallengeView> CreateAsync(Alice alice, int? expiresInSeconds = null) =>
        (await alice.User.CreateChallengeAsync(alice.TenantId, "alice", new CreateChallengeRequest("alice", new ChallengeContext("Mail", "Sign in", "203.0.113.7"),
            ExpiresInSeconds: expiresInSeconds), Origin)).View;

    /// <summary>An answer signed with <paramref name="keys"/> over the challenge's nonce, as the phone sends it.</summary>
    private static async Task<AnswerOutcome> AnswerAsync(Alice alice, string challengeId, DeviceKeyPair? keys = null, string decision = "approve")
    {
        var (user, deviceId) = (alice.User, alice.DeviceId);
        keys ??= alice.Keys;
        var view = await user.GetChallengeForDeviceAsync(challengeId, deviceId) ?? throw new InvalidOperationException("The device is not a target.");
        var reason = decision == "deny" ? "declined" : null;
        var signature = keys.SignToBase64Url(CanonicalChallengeAnswer.Build(challengeId, view.Nonce, decision, null, reason, deviceId));
        return await user.AnswerAsync(challengeId, new ChallengeAnswer(deviceId, decision, null, decision == "deny" ? DenyReason.Declined : null, view.Nonce, signature), Origin);
    }

    [Fact]
    public async Task CreateChallenge_PairedUser_PendingForTheTenantAndItsDevice()
    {
        using var alice = await PairedUserAsync();

        var created = await CreateAsync(alice);

        Assert.Equal(ChallengeStatus.Pending, created.Status);
        Assert.Equal(host.Time.GetUtcNow(), created.CreatedAt);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromSeconds(120), created.ExpiresAt);
        Assert.Equal(created, await alice.User.GetChallengeAsync(alice.TenantId, created.ChallengeId));
        Assert.Contains(await alice.User.PendingForDeviceAsync(alice.DeviceId), c => c.ChallengeId == created.ChallengeId);
        Assert.Equal(1, (await alice.User.GetBlockStatusAsync(alice.TenantId)).Outstanding);
        // Another tenant (or a device that is not a target) does not see it.
        Assert.Null(await alice.User.GetChallengeAsync("t" + Guid.NewGuid().ToString("N")[..12], created.ChallengeId));
        Assert.Null(await alice.User.GetChallengeForDeviceAsync(created.ChallengeId, "dv_other"));
    }

    [Fact]
    public async Task Answer_SignedApproval_ResolvesOnceAndASecondAnswerIsRejected()
    {
        using var alice = await PairedUserAsync();
        var created = await CreateAsync(alice);
        host.Time.Advance(TimeSpan.FromSeconds(5));

        var first = await AnswerAsync(alice, created.ChallengeId);
        var second = await AnswerAsync(alice, created.ChallengeId, decision: "deny");

        Assert.Equal(AnswerOutcome.Resolved(ChallengeStatus.Approved), first);
        Assert.Equal(AnswerOutcome.Rejected(ChallengeStatus.Approved, AnswerRejection.AlreadyResolved), second);
        var view = await alice.User.GetChallengeAsync(alice.TenantId, created.ChallengeId);
        Assert.Equal(ChallengeStatus.Approved, view?.Status);
        Assert.Equal(alice.DeviceId, view?.ResolvedByDeviceId);
        Assert.Equal(host.Time.GetUtcNow(), view?.ResolvedAt);
        Assert.Empty(await alice.User.PendingForDeviceAsync(alice.DeviceId));
    }

    [Fact]
    public async Task Answer_SignedWithAnotherKey_RejectedAndTheChallengeStaysPending()
    {
        using var alice = await PairedUserAsync();
        using var attacker = DeviceKeyPair.Create();
        var created = await CreateAsync(alice);

        var forged = await AnswerAsync(alice, created.ChallengeId, attacker);

        Assert.Equal(AnswerRejection.BadSignature, forged.Rejection);
        Assert.False(forged.Accepted);
        Assert.Equal(ChallengeStatus.Pending, (await alice.User.GetChallengeAsync(alice.TenantId, created.ChallengeId))?.Status);
    }

    [Fact]
    public async Task WaitForChallenge_Pending_ReturnsWhenTheAnswerIsSaved()
    {
        using var alice = await PairedUserAsync();
        var created = await CreateAsync(alice);

        // The fake clock never moves here, so only the answer can end the wait (the guard only keeps a bug from hanging the run).
        var waiting = alice.User.WaitForChallengeAsync(alice.TenantId, created.ChallengeId, TimeSpan.FromSeconds(25));
        await AnswerAsync(alice, created.ChallengeId);
        var seen = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ChallengeStatus.Approved, seen?.Status);
    }

    [Fact]
    public async Task GetChallenge_AtItsExpiry_ShownExpiredAtOnceAndNoLongerAnswerable()
    {
        using var alice = await PairedUserAsync();
        var created = await CreateAsync(alice, expiresInSeconds: 30);
        host.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(ChallengeStatus.Pending, (await alice.User.GetChallengeAsync(alice.TenantId, created.ChallengeId))?.Status);

        host.Time.Advance(TimeSpan.FromSeconds(1));

        // A read, before anything was written: the challenge is expired as of its ExpiresAt.
        var expired = await alice.User.GetChallengeAsync(alice.TenantId, created.ChallengeId);
        Assert.Equal(ChallengeStatus.Expired, expired?.Status);
        Assert.Equal(created.ExpiresAt, expired?.ResolvedAt);
        Assert.Equal(0, (await alice.User.GetBlockStatusAsync(alice.TenantId)).Outstanding);
        Assert.Empty(await alice.User.PendingForDeviceAsync(alice.DeviceId));
        var late = await AnswerAsync(alice, created.ChallengeId);
        Assert.Equal(AnswerOutcome.Rejected(ChallengeStatus.Expired, AnswerRejection.AlreadyResolved), late);
    }

    [Fact]
    public async Task CancelChallenge_Pending_CancelledOnceAndNoLongerAnswerable()
    {
        using var alice = await PairedUserAsync();
        var created = await CreateAsync(alice);

        var cancelled = await alice.User.CancelChallengeAsync(alice.TenantId, created.ChallengeId, Origin);
        host.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await alice.User.CancelChallengeAsync(alice.TenantId, created.ChallengeId, Origin);
        var late = await AnswerAsync(alice, created.ChallengeId);

        Assert.Equal(ChallengeStatus.Cancelled, cancelled?.Status);
        Assert.Equal(cancelled, again);
        Assert.Equal(AnswerOutcome.Rejected(ChallengeStatus.Cancelled, AnswerRejection.AlreadyResolved), late);
        Assert.Null(await alice.User.CancelChallengeAsync("t" + Guid.NewGuid().ToString("N")[..12], created.ChallengeId, Origin));
    }

    [Fact]
    public async Task CreateChallenge_PastTheTenantsPushesPerMinute_RateLimitedUntilTheFirstLeavesTheMinute()
    {
        using var alice = await PairedUserAsync(pushesPerMinute: 2);
        await CreateAsync(alice);
        host.Time.Advance(TimeSpan.FromSeconds(20));
        await CreateAsync(alice);

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync(alice));
        Assert.Equal(ProblemCodes.Challenges.PushRateLimited.Code, refused.Code);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);

        host.Time.Advance(TimeSpan.FromSeconds(39));
        await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync(alice));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ChallengeStatus.Pending, (await CreateAsync(alice)).Status);
    }
}
