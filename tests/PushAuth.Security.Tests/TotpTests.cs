namespace PushAuth.Security.Tests;

public sealed class TotpTests
{
    [Theory]
    [MemberData(nameof(Rfc6238Vectors.All), MemberType = typeof(Rfc6238Vectors))]
    public void ComputeCode_Rfc6238AppendixB_MatchesVector(long unixTime, long step, OtpAlgorithm algorithm, string expected)
    {
        var parameters = new TotpParameters(algorithm, 8);

        Assert.Equal(expected, Totp.ComputeCode(RfcTestKeys.For(algorithm), DateTimeOffset.FromUnixTimeSeconds(unixTime), parameters));
        Assert.Equal(expected, Totp.ComputeCodeForStep(RfcTestKeys.For(algorithm), step, parameters));
    }

    [Theory]
    [InlineData(OtpAlgorithm.Sha1, "353130")]
    [InlineData(OtpAlgorithm.Sha256, "737706")]
    [InlineData(OtpAlgorithm.Sha512, "863826")]
    public void ComputeCode_SixDigitFormOfLastRfcRow_MatchesVector(OtpAlgorithm algorithm, string expected)
    {
        var code = Totp.ComputeCode(RfcTestKeys.For(algorithm), DateTimeOffset.FromUnixTimeSeconds(20000000000L), new TotpParameters(algorithm, 6));

        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(59L, 0x1L)]
    [InlineData(1111111109L, 0x23523ECL)]
    [InlineData(1111111111L, 0x23523EDL)]
    [InlineData(1234567890L, 0x273EF07L)]
    [InlineData(2000000000L, 0x3F940AAL)]
    [InlineData(20000000000L, 0x27BC86AAL)]
    public void GetTimeStep_Rfc6238Times_MatchesHexT(long unixTime, long expectedStep) =>
        Assert.Equal(expectedStep, Totp.GetTimeStep(DateTimeOffset.FromUnixTimeSeconds(unixTime)));

    [Fact]
    public void GetStepStart_Step_ReturnsFirstSecondOfStep() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(60), Totp.GetStepStart(2));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(10)]
    public void TotpParameters_BadDigits_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters(OtpAlgorithm.Sha1, digits));

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void TotpParameters_PeriodOutOfRange_Throws(int period) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters(period: period));

    [Fact]
    public void TotpParameters_UnknownAlgorithm_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters((OtpAlgorithm)3));

    [Theory]
    [InlineData(-1L, -1L)]
    [InlineData(-30L, -1L)]
    [InlineData(-31L, -2L)]
    [InlineData(0L, 0L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    public void GetTimeStep_AroundEpoch_FloorsTowardPast(long unixTime, long expectedStep) =>
        Assert.Equal(expectedStep, Totp.GetTimeStep(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
}
