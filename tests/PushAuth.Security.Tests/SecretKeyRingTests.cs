using System.Security.Cryptography;

namespace PushAuth.Security.Tests;

public sealed class SecretKeyRingTests
{
    [Fact]
    public void Parse_ConfigurationEntries_BuildsRing()
    {
        var key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var ring = SecretKeyRing.Parse([$"2024-01:{key1}", $" 2025-06 : {key2} "], "2025-06");

        Assert.Equal("2025-06", ring.ActiveKeyId);
        Assert.Equal(["2024-01", "2025-06"], ring.KeyIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nokeyhere")]
    [InlineData(":AAAA")]
    [InlineData("k1:not base64!")]
    public void Parse_MalformedEntry_ThrowsFormatException(string entry) =>
        Assert.Throws<FormatException>(() => SecretKeyRing.Parse([entry], "k1"));

    [Fact]
    public void Parse_DuplicateKeyId_ThrowsFormatException()
    {
        var key = Convert.ToBase64String(new byte[32]);

        Assert.Throws<FormatException>(() => SecretKeyRing.Parse([$"k1:{key}", $"k1:{key}"], "k1"));
    }

    [Fact]
    public void Parse_ShortKey_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SecretKeyRing.Parse([$"k1:{Convert.ToBase64String(new byte[16])}"], "k1"));

    [Fact]
    public void Constructor_ActiveKeyMissing_Throws() =>
        Assert.Throws<ArgumentException>(() => new SecretKeyRing(new Dictionary<string, byte[]> { ["k1"] = new byte[32] }, "k2"));

    [Theory]
    [InlineData("a.b")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    public void Constructor_InvalidKeyId_Throws(string keyId) =>
        Assert.Throws<ArgumentException>(() => new SecretKeyRing(new Dictionary<string, byte[]> { [keyId] = new byte[32] }, keyId));
}
