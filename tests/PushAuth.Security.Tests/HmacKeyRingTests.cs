using PushAuth.Security;

namespace PushAuth.Security.Tests;

public sealed class HmacKeyRingTests
{
    private static readonly string K1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string K2 = Convert.ToBase64String(Enumerable.Range(2, 40).Select(i => (byte)i).ToArray());

    [Fact]
    public void Parse_BareKey_IsARingOfOneWithTheDefaultId()
    {
        var ring = HmacKeyRing.Parse(K1);

        Assert.Equal(HmacKeyRing.DefaultKeyId, ring.ActiveKeyId);
        Assert.Equal(Convert.FromBase64String(K1), ring.ActiveKey);
    }

    [Fact]
    public void Parse_RingWithActiveId_ActiveFirstAndEveryKeyFindable()
    {
        var ring = HmacKeyRing.Parse($"s1:{K1}; s2:{K2}", "s2");

        Assert.Equal("s2", ring.ActiveKeyId);
        Assert.Equal(["s2", "s1"], ring.Keys.Select(k => k.Id));
        Assert.Equal(Convert.FromBase64String(K1), ring.Find("s1"));
        Assert.Null(ring.Find("s3"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s1:c2hvcnQ=")]
    [InlineData("s1:not base64")]
    [InlineData("bad id!:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Parse_Malformed_Throws(string value) => Assert.Throws<FormatException>(() => HmacKeyRing.Parse(value));

    [Fact]
    public void Parse_DuplicateIdOrUnknownActive_Throws()
    {
        Assert.Throws<FormatException>(() => HmacKeyRing.Parse($"s1:{K1};s1:{K2}"));
        Assert.Throws<FormatException>(() => HmacKeyRing.Parse($"s1:{K1}", "s9"));
    }
}
