using PushAuth.Abstractions;

namespace PushAuth.Abstractions.Tests.Tenants;

public sealed class TenantSettingsTests
{
    [Fact]
    public void Defaults_MatchThePolicy()
    {
        var s = new TenantSettings("Acme").Validated();

        Assert.Equal(2, s.NumberMatchingDigits);
        Assert.Equal(1, s.TotpWindow);
        Assert.False(s.LocationAutoApproveEnabled);
        Assert.Equal(3, s.MaxOutstandingChallenges);
        Assert.Equal(5, s.PushesPerUserPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(120), s.ChallengeTtl());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Validated_NumberMatchingDigits_ZeroOrTwoToSix(int digits, bool valid)
    {
        var settings = new TenantSettings("Acme", NumberMatchingDigits: digits);

        if (valid)
        {
            Assert.Same(settings, settings.Validated());
        }
        else
        {
            Assert.Equal("settings.number-matching-digits", Assert.Throws<PushAuthException>(() => settings.Validated()).Code);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Validated_TotpWindowOutside0To2_Refused(int window) =>
        Assert.Equal("settings.totp-window", Assert.Throws<PushAuthException>(() => new TenantSettings("Acme", TotpWindow: window).Validated()).Code);

    [Fact]
    public void Validated_ChallengeTtlOverTenMinutesOrEmptyName_Refused()
    {
        Assert.Equal("settings.challenge-ttl", Assert.Throws<PushAuthException>(() => new TenantSettings("Acme", DefaultChallengeTtl: TimeSpan.FromMinutes(11)).Validated()).Code);
        Assert.Equal("displayName.invalid", Assert.Throws<PushAuthException>(() => new TenantSettings(" ").Validated()).Code);
    }
}
