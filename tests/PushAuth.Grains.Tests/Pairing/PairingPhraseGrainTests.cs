using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Pairing;

/// <summary>A pairing phrase: reserved for one pairing while live, taken once, gone at its expiry.</summary>
public sealed class PairingPhraseGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private IPairingPhraseGrain Phrase() => host.Grains.GetGrain<IPairingPhraseGrain>("phrase-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Take_ReservedPhrase_GivesThePairingOnce()
    {
        var phrase = Phrase();
        Assert.True(await phrase.ReserveAsync("pr_1", host.Time.GetUtcNow().AddMinutes(10)));

        Assert.Equal("pr_1", await phrase.TakeAsync());
        Assert.Null(await phrase.TakeAsync());
    }

    [Fact]
    public async Task Take_UnknownPhrase_IsNull()
    {
        Assert.Null(await Phrase().TakeAsync());
    }

    [Fact]
    public async Task Reserve_LivePhraseOfAnotherPairing_IsRefusedAndKeepsTheFirst()
    {
        var phrase = Phrase();
        Assert.True(await phrase.ReserveAsync("pr_1", host.Time.GetUtcNow().AddMinutes(10)));

        Assert.False(await phrase.ReserveAsync("pr_2", host.Time.GetUtcNow().AddMinutes(10)));
        Assert.Equal("pr_1", await phrase.TakeAsync());
    }

    [Fact]
    public async Task Take_AtExpiry_IsNullAndThePhraseCanBeReservedAgain()
    {
        var phrase = Phrase();
        Assert.True(await phrase.ReserveAsync("pr_1", host.Time.GetUtcNow().AddMinutes(10)));

        host.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await phrase.TakeAsync());
        Assert.True(await phrase.ReserveAsync("pr_2", host.Time.GetUtcNow().AddMinutes(10)));
        Assert.Equal("pr_2", await phrase.TakeAsync());
    }

    [Fact]
    public async Task Reserve_AfterThePhraseWasTaken_StartsAFreshReservation()
    {
        var phrase = Phrase();
        Assert.True(await phrase.ReserveAsync("pr_1", host.Time.GetUtcNow().AddMinutes(10)));
        Assert.Equal("pr_1", await phrase.TakeAsync());

        Assert.True(await phrase.ReserveAsync("pr_2", host.Time.GetUtcNow().AddMinutes(10)));
        Assert.Equal("pr_2", await phrase.TakeAsync());
    }
}
