using System.Security.Cryptography;

namespace PushAuth.Security.Tests;

public sealed class SecretHasherTests
{
    private static readonly byte[] Pepper = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void GenerateApiKey_Shape_PrefixAnd43Base64UrlChars()
    {
        var generated = SecretHasher.GenerateApiKey();

        Assert.StartsWith("pak_", generated.Key, StringComparison.Ordinal);
        Assert.Equal(4 + 43, generated.Key.Length);
        Assert.Equal(generated.Key.Substring(4, 8), generated.PrefixId);
        Assert.DoesNotContain(generated.Key, generated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyApiKey_GeneratedKey_MatchesStoredHash()
    {
        var generated = SecretHasher.GenerateApiKey();

        Assert.True(SecretHasher.VerifyApiKey(generated.Key, generated.Hash));
        Assert.True(SecretHasher.TryGetApiKeyPrefixId(generated.Key, out var prefix));
        Assert.Equal(generated.PrefixId, prefix);
    }

    [Fact]
    public void VerifyApiKey_OtherKeyOrNull_ReturnsFalse()
    {
        var generated = SecretHasher.GenerateApiKey();
        var other = SecretHasher.GenerateApiKey();

        Assert.False(SecretHasher.VerifyApiKey(other.Key, generated.Hash));
        Assert.False(SecretHasher.VerifyApiKey(null, generated.Hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pak_short")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public void TryGetApiKeyPrefixId_Malformed_ReturnsFalse(string? key) =>
        Assert.False(SecretHasher.TryGetApiKeyPrefixId(key, out _));

    [Fact]
    public void GenerateNumericCode_Default_EightDigits()
    {
        var code = SecretHasher.GenerateNumericCode();

        Assert.Equal(8, code.Length);
        Assert.True(code.All(char.IsAsciiDigit));
    }

    [Fact]
    public void GenerateNumericCode_ManyCodes_EveryDigitAppearsInEveryPosition()
    {
        var codes = Enumerable.Range(0, 400).Select(_ => SecretHasher.GenerateNumericCode(6)).ToList();

        for (var position = 0; position < 6; position++)
        {
            Assert.Equal(10, codes.Select(c => c[position]).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void GenerateNumericCode_BadLength_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretHasher.GenerateNumericCode(digits));

    [Fact]
    public void VerifyTemporaryCode_SameCode_ReturnsTrueEvenWithSeparators()
    {
        var hash = SecretHasher.HashTemporaryCode(Pepper, "12345678");

        Assert.True(SecretHasher.VerifyTemporaryCode(Pepper, "12345678", hash));
        Assert.True(SecretHasher.VerifyTemporaryCode(Pepper, "1234 5678", hash));
        Assert.True(SecretHasher.VerifyTemporaryCode(Pepper, "1234-5678", hash));
    }

    [Fact]
    public void VerifyTemporaryCode_WrongCodeOrPepper_ReturnsFalse()
    {
        var hash = SecretHasher.HashTemporaryCode(Pepper, "12345678");

        Assert.False(SecretHasher.VerifyTemporaryCode(Pepper, "12345679", hash));
        Assert.False(SecretHasher.VerifyTemporaryCode(RandomNumberGenerator.GetBytes(32), "12345678", hash));
        Assert.False(SecretHasher.VerifyTemporaryCode(Pepper, null, hash));
    }

    [Fact]
    public void HashTemporaryCode_IsNotPlainSha256() =>
        Assert.NotEqual(
            Convert.ToBase64String(SHA256.HashData("12345678"u8)),
            SecretHasher.HashTemporaryCode(Pepper, "12345678"));

    [Fact]
    public void HashTemporaryCode_ShortPepper_Throws() =>
        Assert.Throws<ArgumentException>(() => SecretHasher.HashTemporaryCode(new byte[8], "12345678"));
}
