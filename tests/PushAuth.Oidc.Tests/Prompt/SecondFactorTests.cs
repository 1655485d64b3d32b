using PushAuth.Abstractions;
using PushAuth.Oidc.Ciba;
using PushAuth.Oidc.Prompt;
using Xunit;

namespace PushAuth.Oidc.Tests.Prompt;

/// <summary>What an answered challenge means for the ID token (docs/oidc.md), and CIBA's pace.</summary>
public sealed class SecondFactorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly OidcAuthentication Pending = new("oc_1", "alice", OidcAuthenticationStatus.Pending, Now.AddMinutes(2));

    private static ChallengeView Challenge(ChallengeStatus status, string? number = "42", DenyReason? reason = null, bool auto = false) =>
        new("ch_1", "alice", status, Now, Now.AddMinutes(2), status == ChallengeStatus.Pending ? null : Now.AddSeconds(5), number, reason, "dv_1", auto, null);

    [Theory]
    [InlineData("42", false, new[] { "mfa", "swk", "user" }, SecondFactor.AcrPushNumberMatch)]
    [InlineData(null, false, new[] { "mfa", "swk" }, SecondFactor.AcrPush)]
    [InlineData(null, true, new[] { "geo" }, SecondFactor.AcrAutoApprove)]
    public void ApprovedPush_AmrAndAcr(string? number, bool auto, string[] amr, string acr)
    {
        var a = SecondFactor.FromChallenge(Pending, Challenge(ChallengeStatus.Approved, number, auto: auto));

        Assert.Equal((OidcAuthenticationStatus.Approved, "push", Now.AddSeconds(5)), (a.Status, a.Method, a.AuthTime));
        Assert.Equal(amr, a.Amr);
        Assert.Equal(acr, SecondFactor.Acr(a));
    }

    [Theory]
    [InlineData(DenyReason.Fraud, OidcAuthenticationStatus.FraudReported)]
    [InlineData(DenyReason.Declined, OidcAuthenticationStatus.Denied)]
    [InlineData(DenyReason.NumberMismatch, OidcAuthenticationStatus.Denied)]
    public void Denied_FraudToldApart(DenyReason reason, OidcAuthenticationStatus expected) =>
        Assert.Equal(expected, SecondFactor.FromChallenge(Pending, Challenge(ChallengeStatus.Denied, reason: reason)).Status);

    [Theory]
    [InlineData(ChallengeStatus.Expired)]
    [InlineData(ChallengeStatus.Cancelled)]
    public void ExpiredOrCancelled_Expired(ChallengeStatus status) =>
        Assert.Equal(OidcAuthenticationStatus.Expired, SecondFactor.FromChallenge(Pending, Challenge(status)).Status);

    [Fact]
    public void Codes_Otp_AcrByKind()
    {
        Assert.Equal(["otp"], SecondFactor.CodeAmr);
        Assert.Equal(SecondFactor.AcrOtp, SecondFactor.Acr(Pending with { Status = OidcAuthenticationStatus.Approved, Method = "totp", Amr = ["otp"] }));
        Assert.Equal(SecondFactor.AcrTemporaryCode, SecondFactor.Acr(Pending with { Status = OidcAuthenticationStatus.Approved, Method = "temporary-code", Amr = ["otp"] }));
    }

    [Fact]
    public void CibaPolling_TooSoonOnlyWithinTheInterval()
    {
        Assert.False(CibaPolling.TooSoon(null, TimeSpan.FromSeconds(5), Now));
        Assert.True(CibaPolling.TooSoon(Now, TimeSpan.FromSeconds(5), Now.AddSeconds(4.9)));
        Assert.False(CibaPolling.TooSoon(Now, TimeSpan.FromSeconds(5), Now.AddSeconds(5)));
    }

    [Theory]
    [InlineData("#ffeb3b", "#000000")]
    [InlineData("#1d4ed8", "#ffffff")]
    public void Theme_TextOnTheAccentKeepsAaContrast(string accent, string text)
    {
        var css = PromptTheme.Css(new PromptBranding(AccentColor: accent));

        Assert.Contains($"--on-brand: {text}", css, StringComparison.Ordinal);
        Assert.True(PromptTheme.Contrast(accent, text) >= 4.5);
    }
}
