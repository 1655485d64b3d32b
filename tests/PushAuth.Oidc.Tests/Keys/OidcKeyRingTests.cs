using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using PushAuth.Oidc.Keys;
using Xunit;

namespace PushAuth.Oidc.Tests.Keys;

public sealed class OidcKeyRingTests
{
    private static string Rsa(int bits = 2048) => Convert.ToBase64String(RSA.Create(bits).ExportPkcs8PrivateKey());

    [Fact]
    public void SigningKeys_ActiveFirst_EveryKeyKeptWithItsId()
    {
        var keys = OidcKeyRing.SigningKeys($"old:{Rsa()};new:{Rsa()}", "new");

        Assert.Equal(["new", "old"], keys.Select(k => k.KeyId));
        Assert.All(keys, k => Assert.IsType<RsaSecurityKey>(k));
    }

    [Theory]
    [InlineData("nokeyid")]
    [InlineData("a:!!notbase64")]
    public void SigningKeys_Malformed_FormatException(string configured) =>
        Assert.ThrowsAny<Exception>(() => OidcKeyRing.SigningKeys(configured, null));

    [Fact]
    public void SigningKeys_ShortRsaOrUnknownActiveOrDuplicateId_Refused()
    {
        Assert.Throws<FormatException>(() => OidcKeyRing.SigningKeys($"a:{Rsa(1024)}", null));
        Assert.Throws<FormatException>(() => OidcKeyRing.SigningKeys($"a:{Rsa()}", "b"));
        Assert.Throws<FormatException>(() => OidcKeyRing.SigningKeys($"a:{Rsa()};a:{Rsa()}", null));
    }

    [Fact]
    public void EncryptionKeys_32Bytes_ActiveFirst_ElseRefused()
    {
        var keys = OidcKeyRing.EncryptionKeys($"e1:{Convert.ToBase64String(new byte[32])};e2:{Convert.ToBase64String(new byte[32])}", "e2");

        Assert.Equal(["e2", "e1"], keys.Select(k => k.KeyId));
        Assert.Throws<FormatException>(() => OidcKeyRing.EncryptionKeys($"e1:{Convert.ToBase64String(new byte[16])}", null));
    }
}
