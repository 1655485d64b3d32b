namespace PushAuth.Security.Tests;

public sealed class HotpTests
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
    public void ComputeCode_Rfc4226AppendixD_MatchesVector(long counter, string expected) =>
        Assert.Equal(expected, Hotp.ComputeCode(RfcTestKeys.Sha1, counter));

    [Fact]
    public void ComputeValue_Rfc4226Counter0_ReturnsInteger() =>
        Assert.Equal(755224, Hotp.ComputeValue(RfcTestKeys.Sha1, 0));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(10)]
    public void ComputeCode_UnsupportedDigits_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hotp.ComputeCode(RfcTestKeys.Sha1, 0, digits));
}
