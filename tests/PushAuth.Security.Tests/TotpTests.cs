namespace PushAuth.Security.Tests;

public sealed class TotpTests
{
    [Theory]
    [InlineData(59L, OtpAlgorithm.Sha1, "94287082")]
    [InlineData(59L, OtpAlgorithm.Sha256, "46119246")]
    [InlineData(59L, OtpAlgorithm.Sha512, "90693936")]
    [InlineData(1111111109L, OtpAlgorithm.Sha1, "07081804")]
    [InlineData(1111111109L, OtpAlgorithm.Sha256, "68084774")]
    [InlineData(1111111109L, OtpAlgorithm.Sha512, "25091201")]
    [InlineData(1111111111L, OtpAlgorithm.Sha1, "14050471")]
    [InlineData(1111111111L, OtpAlgorithm.Sha256, "67062674")]
    [InlineData(1111111111L, OtpAlgorithm.Sha512, "99943326")]
    [InlineData(1234567890L, OtpAlgorithm.Sha1, "89005924")]
    [InlineData(1234567890L, OtpAlgorithm.Sha256, "91819424")]
    [InlineData(1234567890L, OtpAlgorithm.Sha512, "93441116")]
    [InlineData(2000000000L, OtpAlgorithm.Sha1, "69279037")]
    [InlineData(2000000000L, OtpAlgorithm.Sha256, "90698825")]
    [InlineData(2000000000L, OtpAlgorithm.Sha512, "38618901")]
    [InlineData(20000000000L, OtpAlgorithm.Sha1, "65353130")]
    [InlineData(20000000000L, OtpAlgorithm.Sha256, "77737706")]
    [InlineData(20000000000L, OtpAlgorithm.Sha512, "47863826")]
    public void ComputeCode_Rfc6238AppendixB_MatchesVector(long unixTime, OtpAlgorithm algorithm, string expected)
    {
        var code = Totp.ComputeCode(RfcTestKeys.For(algorithm), DateTimeOffset.FromUnixTimeSeconds(unixTime), new TotpParameters(algorithm, 8));

        Assert.Equal(expected, code);
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
    [InlineData(5)]
    [InlineData(9)]
    public void TotpParameters_BadDigits_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters(OtpAlgorithm.Sha1, digits));

    [Fact]
    public void TotpParameters_ZeroPeriod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters(period: 0));
}
