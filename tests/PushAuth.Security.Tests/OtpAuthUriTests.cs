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
    public void ToString_IssuerWithColon_EncodesColonInsideParts()
    {
        var uri = new OtpAuthUri("ACME: Support", "alice:admin@example.com", HelloSecret);

        Assert.Equal(
            "otpauth://totp/ACME%3A%20Support:alice%3Aadmin%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%3A%20Support&algorithm=SHA1&digits=6&period=30",
            uri.ToString());
    }

    [Theory]
    [InlineData("ACME:Support", "alice")]
    [InlineData("a:b:c", "alice@example.com")]
    [InlineData(":", ":")]
    [InlineData("Bank & Trust", "alice")]
    [InlineData("Who? Us?", "alice")]
    [InlineData("#1 Provider", "alice")]
    [InlineData("Sales/EMEA", "alice")]
    [InlineData("100% sure + more = 50%20", "alice")]
    [InlineData("Société Générale", "josé@exämple.com")]
    [InlineData("東京銀行 🏦", "alice")]
    [InlineData("  padded issuer  ", "alice")]
    [InlineData("A: B & C ? D # E / F é", "user:name@example.com")]
    [InlineData("x", "a@b:c@d")]
    public void Parse_HostileIssuerAndAccount_RoundTrips(string issuer, string account)
    {
        var built = new OtpAuthUri(issuer, account, HelloSecret).ToString();

        var parsed = OtpAuthUri.Parse(built);

        Assert.Equal(issuer, parsed.Issuer);
        Assert.Equal(account, parsed.AccountName);
        Assert.True(parsed.Secret.SequenceEqual(HelloSecret));
    }

    [Theory]
    [InlineData("ACME:Support", "alice")]
    [InlineData("Bank & Trust? #1/2", "alice:admin@example.com")]
    [InlineData("Société Générale 東京 🏦", "josé@exämple.com")]
    public void ToString_HostileIssuerAndAccount_ParsesWithSystemUri(string issuer, string account)
    {
        var uri = new Uri(new OtpAuthUri(issuer, account, HelloSecret).ToString());

        var label = uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var separator = label.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(separator, label.LastIndexOf(':'));
        var parameters = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Empty(uri.Fragment);
        Assert.Equal(issuer, Uri.UnescapeDataString(label[..separator]));
        Assert.Equal(account, Uri.UnescapeDataString(label[(separator + 1)..]));
        Assert.Equal(issuer, parameters["issuer"]);
        Assert.Equal("JBSWY3DPEHPK3PXP", parameters["secret"]);
        Assert.Equal(["secret", "issuer", "algorithm", "digits", "period"], parameters.Keys);
    }

    [Fact]
    public void ToString_LoneSurrogateInIssuer_WritesReplacementCharacter()
    {
        var parsed = OtpAuthUri.Parse(new OtpAuthUri("Bad \uD800 name", "alice", HelloSecret).ToString());

        Assert.Equal("Bad \uFFFD name", parsed.Issuer);
    }

    [Fact]
    public void Parse_SeparatorEncodedAsPercent3A_UsesIssuerParameterToSplit()
    {
        var parsed = OtpAuthUri.Parse("otpauth://totp/a%3Ab%3Aalice?secret=JBSWY3DPEHPK3PXP&issuer=a%3Ab");

        Assert.Equal("a:b", parsed.Issuer);
        Assert.Equal("alice", parsed.AccountName);
    }

    [Fact]
    public void Parse_SeparatorEncodedAsPercent3AWithoutIssuerParameter_SplitsAtFirst()
    {
        var parsed = OtpAuthUri.Parse("otpauth://totp/Example%3A%20alice%40example.com?secret=JBSWY3DPEHPK3PXP");

        Assert.Equal("Example", parsed.Issuer);
        Assert.Equal("alice@example.com", parsed.AccountName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankIssuer_Throws(string issuer) =>
        Assert.Throws<ArgumentException>(() => new OtpAuthUri(issuer, "alice", HelloSecret));
}
