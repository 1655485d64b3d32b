namespace PushAuth.Security.Tests;

public sealed class NumberMatchingCodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Generate_Digits_ExactLengthAllDigits(int digits)
    {
        var code = NumberMatchingCode.Generate(digits);

        Assert.Equal(digits, code.Length);
        Assert.True(code.All(char.IsAsciiDigit));
    }

    [Fact]
    public void Generate_TwoDigits_CoversLeadingZeros()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => NumberMatchingCode.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(codes, c => c[0] == '0');
        Assert.True(codes.Count > 90, $"only {codes.Count} distinct codes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Generate_OutOfRange_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberMatchingCode.Generate(digits));

    [Fact]
    public void Matches_SameAndDifferent_ComparesExactly()
    {
        Assert.True(NumberMatchingCode.Matches("07", "07"));
        Assert.False(NumberMatchingCode.Matches("07", "7"));
        Assert.False(NumberMatchingCode.Matches("07", "08"));
        Assert.False(NumberMatchingCode.Matches("07", null));
    }
}
