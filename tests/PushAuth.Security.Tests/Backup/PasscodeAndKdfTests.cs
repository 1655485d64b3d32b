using PushAuth.Security.Backup;

namespace PushAuth.Security.Tests.Backup;

public sealed class PasscodeAndKdfTests
{
    [Theory]
    [InlineData(null, "passcode.too-short")]
    [InlineData("", "passcode.too-short")]
    [InlineData("123", "passcode.too-short")]
    [InlineData("12a4", "passcode.invalid")]
    [InlineData("１２３４", "passcode.invalid")]
    [InlineData("123456789012345678901234567890123", "passcode.invalid")]
    [InlineData("1234", null)]
    [InlineData("000000", null)]
    public void Problem_Passcodes_Classified(string? passcode, string? expected) => Assert.Equal(expected, PasscodeRules.Problem(passcode));

    [Fact]
    public void Derive_ShortPasscode_ThrowsNamingTheCode()
    {
        var ex = Assert.Throws<ArgumentException>(() => PasscodeKeys.Derive("123", PasscodeKeys.NewSalt(), KdfParameters.Minimum));
        Assert.StartsWith("passcode.too-short", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_SameInputs_SameKeys_OtherSalt_OtherKeys()
    {
        var salt = PasscodeKeys.NewSalt();
        using var a = PasscodeKeys.Derive("2580", salt, KdfParameters.Minimum);
        using var b = PasscodeKeys.Derive("2580", salt, KdfParameters.Minimum);
        using var c = PasscodeKeys.Derive("2580", PasscodeKeys.NewSalt(), KdfParameters.Minimum);

        Assert.Equal(a.AuthKey, b.AuthKey);
        Assert.Equal(a.BlobKeyShare, b.BlobKeyShare);
        Assert.NotEqual(a.AuthKey, a.BlobKeyShare);
        Assert.NotEqual(a.AuthKey, c.AuthKey);
    }

    [Theory]
    [InlineData("scrypt", 65536, 3, 1, "kdf.algorithm")]
    [InlineData("argon2id", 65536, 3, 2, "kdf.parallelism")]
    [InlineData("argon2id", 1024, 3, 1, "kdf.memoryKiB")]
    [InlineData("argon2id", 65536, 1, 1, "kdf.iterations")]
    [InlineData("argon2id", 65536, 17, 1, "kdf.iterations")]
    public void Problem_WeakOrUnknownKdf_NamesTheField(string algorithm, int memory, int iterations, int parallelism, string field) =>
        Assert.Contains(field, new KdfParameters(algorithm, memory, iterations, parallelism).Problem(KdfParameters.Minimum), StringComparison.Ordinal);

    [Fact]
    public void Problem_DefaultAndMinimum_Acceptable()
    {
        Assert.Null(KdfParameters.Default.Problem(KdfParameters.Minimum));
        Assert.Null(KdfParameters.Minimum.Problem(KdfParameters.Minimum));
        Assert.NotNull(KdfParameters.Minimum.Problem(KdfParameters.Default));
    }
}
