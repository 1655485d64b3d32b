namespace PushAuth.Security.Tests;

/// <summary>RFC 4226 Appendix D: HOTP of counters 0-9 is TOTP of steps 0-9, computed and verified through Otp.NET.</summary>
public sealed class Rfc4226Tests
{
    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void ComputeCodeForStep_Rfc4226AppendixD_MatchesVector(long counter, string expected) =>
        Assert.Equal(expected, Totp.ComputeCodeForStep(RfcTestKeys.Sha1, counter));

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void VerifyAtStep_Rfc4226AppendixD_ReportsCounter(long counter, string code)
    {
        Assert.Equal(counter, new TotpVerifier(window: 0).VerifyAtStep(RfcTestKeys.Sha1, code, counter));
        Assert.Equal(counter, new TotpVerifier(window: 1).VerifyAtStep(RfcTestKeys.Sha1, code, counter));
    }

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(9, "520489")]
    public void Verify_Rfc4226AppendixD_AtStepTime_ReportsCounter(long counter, string code) =>
        Assert.Equal(counter, new TotpVerifier(window: 0).Verify(RfcTestKeys.Sha1, code, Totp.GetStepStart(counter).AddSeconds(29)));
}
