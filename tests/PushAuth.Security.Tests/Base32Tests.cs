using System.Text;
using FsCheck.Xunit;

namespace PushAuth.Security.Tests;

public sealed class Base32Tests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Encode_Rfc4648Vectors_MatchWithoutPadding(string input, string expected) =>
        Assert.Equal(expected, Base32.Encode(Encoding.ASCII.GetBytes(input)));

    [Fact]
    public void Encode_Rfc6238Sha1Key_MatchesKnownSecret() =>
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(RfcTestKeys.Sha1));

    [Theory]
    [InlineData("MZXW6YTBOI======")]
    [InlineData("mzxw6ytboi")]
    [InlineData("MZXW 6YTB OI")]
    [InlineData("mzxw-6ytb-oi==")]
    public void Decode_PaddingCaseSpacesHyphens_Tolerated(string input) =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode(input)));

    [Theory]
    [InlineData("MZXW1")]
    [InlineData("MZXW8")]
    [InlineData("MZ!W6")]
    [InlineData("MZ=XW6")]
    [InlineData("M")]
    public void Decode_InvalidInput_ThrowsFormatException(string input) =>
        Assert.Throws<FormatException>(() => Base32.Decode(input));

    [Theory]
    [InlineData(null)]
    [InlineData("0000")]
    [InlineData("ABC")]
    public void TryDecode_InvalidInput_ReturnsFalse(string? input)
    {
        Assert.False(Base32.TryDecode(input, out var result));
        Assert.Null(result);
    }

    [Property(MaxTest = 500)]
    public bool EncodeDecode_AnyBytes_RoundTrips(byte[] data) =>
        Base32.Decode(Base32.Encode(data)).AsSpan().SequenceEqual(data);

    [Property(MaxTest = 200)]
    public bool EncodeDecode_LowercaseWithSpaces_RoundTrips(byte[] data)
    {
        var encoded = Base32.Encode(data).ToLowerInvariant();
        var spaced = string.Join(' ', encoded.Chunk(4).Select(c => new string(c)));
        return Base32.Decode(spaced).AsSpan().SequenceEqual(data);
    }
}
