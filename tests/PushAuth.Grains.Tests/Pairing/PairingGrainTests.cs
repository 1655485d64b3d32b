using PushAuth.Grains.Pairing;
using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Pairing;

/// <summary>A pairing: a phrase pairing claimed once within its lifetime, an offer, each expiring on the silo's clock.</summary>
public sealed class PairingGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private IPairingGrain NewPairing() => host.Grains.GetGrain<IPairingGrain>("pr_" + Guid.NewGuid().ToString("N")[..20]);

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Claim_PhraseWithinItsLifetime_BoundToTheUserAndAwaitingTheDevice()
    {
        var pairing = NewPairing();
        var tenantId = NewTenant();
        var started = await pairing.StartPhraseAsync("dv_phone", "phrase", TimeSpan.FromMinutes(10));
        host.Time.Advance(TimeSpan.FromMinutes(9));

        var claimed = await pairing.ClaimAsync(tenantId, "Acme", "alice", "Acme login", Origin);

        Assert.Equal(PairingStatus.AwaitingClaim, started.Status);
        Assert.Equal(PairingStatus.AwaitingDevice, claimed.Status);
        Assert.Equal("alice", claimed.UserId);
        Assert.Equal(claimed, await pairing.GetAsync(tenantId));
        // Another tenant does not see it.
        Assert.Null(await pairing.GetAsync(NewTenant()));
    }

    [Fact]
    public async Task Claim_Twice_SecondRefusedWithPhraseUsed()
    {
        var pairing = NewPairing();
        await pairing.StartPhraseAsync("dv_phone", "phrase", TimeSpan.FromMinutes(10));
        await pairing.ClaimAsync(NewTenant(), "Acme", "alice", "Acme login", Origin);

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => pairing.ClaimAsync(NewTenant(), "Evil", "mallory", "Evil login", Origin));

        Assert.Equal(ProblemCodes.Pairing.PhraseUsed.Code, refused.Code);
    }

    [Fact]
    public async Task Claim_AtThePhrasesExpiry_Refused()
    {
        var pairing = NewPairing();
        await pairing.StartPhraseAsync("dv_phone", "phrase", TimeSpan.FromMinutes(10));
        host.Time.Advance(TimeSpan.FromMinutes(10));

        await Assert.ThrowsAsync<PushAuthException>(() => pairing.ClaimAsync(NewTenant(), "Acme", "alice", "Acme login", Origin));
    }

    [Fact]
    public async Task Claim_UnknownPairing_RefusedWithUnknownPhrase()
    {
        var refused = await Assert.ThrowsAsync<PushAuthException>(() => NewPairing().ClaimAsync(NewTenant(), "Acme", "alice", "Acme login", Origin));

        Assert.Equal(ProblemCodes.Pairing.UnknownPhrase.Code, refused.Code);
    }

    [Fact]
    public async Task StartPhrase_TakenPairingId_RefusedWithExists()
    {
        var pairing = NewPairing();
        await pairing.StartPhraseAsync("dv_phone", "phrase", TimeSpan.FromMinutes(10));

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => pairing.StartPhraseAsync("dv_other", "phrase", TimeSpan.FromMinutes(10)));

        Assert.Equal(ProblemCodes.Pairing.Exists.Code, refused.Code);
    }

    [Fact]
    public async Task Offer_AfterItsLifetime_ShownExpired()
    {
        var pairing = NewPairing();
        var tenantId = NewTenant();
        var offer = await pairing.StartOfferAsync(tenantId, "Acme", "alice", "Acme login", PairingGrain.HashCredential("credential"), TimeSpan.FromMinutes(15), "admin-1", Origin);

        host.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(PairingStatus.AwaitingDevice, offer.Status);
        Assert.Equal(PairingStatus.Expired, (await pairing.GetAsync(tenantId))?.Status);
    }
}
