namespace PushAuth.Security.Tests;

public sealed class OtpAuthUriTests
{
    private static readonly byte[] HelloSecret = Base32.Decode("JBSWY3DPEHPK3PXP");

    [Fact]
    public void ToString_KeyUriFormatExample_MatchesExactly()
    {
        var uri = new OtpAuthUri("ACME Co", "alice@google.com", HelloSecret);

        Assert.Equal(
            "otpauth://totp/ACME%20Co:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
            uri.ToString());
    }

    [Fact]
    public void ToString_Sha512EightDigits_WritesParameters()
    {
        var uri = new OtpAuthUri("Example", "bob", HelloSecret, new TotpParameters(OtpAlgorithm.Sha512, 8, 60));

        Assert.EndsWith("&algorithm=SHA512&digits=8&period=60", uri.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ACME Co", "alice@google.com", OtpAlgorithm.Sha1, 6, 30)]
    [InlineData("Bank & Trust", "a:b/c?d=e&f#g", OtpAlgorithm.Sha256, 8, 60)]
    [InlineData("Ünïcode Inc", "josé+tag@example.com", OtpAlgorithm.Sha512, 6, 15)]
    public void Parse_BuiltUri_RoundTrips(string issuer, string account, OtpAlgorithm algorithm, int digits, int period)
    {
        var parameters = new TotpParameters(algorithm, digits, period);
        var original = new OtpAuthUri(issuer, account, RfcTestKeys.Sha1, parameters);

        var parsed = OtpAuthUri.Parse(original.ToString());

        Assert.Equal(issuer, parsed.Issuer);
        Assert.Equal(account, parsed.AccountName);
        Assert.True(parsed.Secret.SequenceEqual(RfcTestKeys.Sha1));
        Assert.Equal(parameters, parsed.Parameters);
    }

    [Fact]
    public void Parse_MinimalUriWithDefaults_UsesSha1SixDigitsThirtySeconds()
    {
        var parsed = OtpAuthUri.Parse("otpauth://totp/Example:alice?secret=jbswy3dpehpk3pxp");

        Assert.Equal("Example", parsed.Issuer);
        Assert.Equal(TotpParameters.Default, parsed.Parameters);
        Assert.True(parsed.Secret.SequenceEqual(HelloSecret));
    }

    [Theory]
    [InlineData("https://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")]
    [InlineData("otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=1")]
    [InlineData("otpauth://totp/Example:alice?issuer=Example")]
    [InlineData("otpauth://totp/Example:alice?secret=NOT!BASE32")]
    [InlineData("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other")]
    [InlineData("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5")]
    [InlineData("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=7")]
    [InlineData("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&period=0")]
    [InlineData("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP")]
    public void TryParse_MalformedUri_ReturnsFalse(string uri)
    {
        Assert.False(OtpAuthUri.TryParse(uri, out var parsed));
        Assert.Null(parsed);
        Assert.Throws<FormatException>(() => OtpAuthUri.Parse(uri));
    }

    [Fact]
    public void Constructor_IssuerWithColon_Throws() =>
        Assert.Throws<ArgumentException>(() => new OtpAuthUri("a:b", "alice", HelloSecret));
}
