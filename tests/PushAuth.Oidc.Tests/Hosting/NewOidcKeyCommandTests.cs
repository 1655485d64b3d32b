using Microsoft.Extensions.Configuration;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.Tokens;
using PushAuth.Oidc.Hosting;
using PushAuth.Oidc.Keys;
using PushAuth.Silo.Bootstrap;
using Xunit;

namespace PushAuth.Oidc.Tests.Hosting;

/// <summary><c>PushAuth.Silo new-oidc-key</c> prints exactly one entry of the setting's ring (compose's keys one-shot
/// writes it to a file as is, and rotation prepends it to the ring by hand).</summary>
public sealed class NewOidcKeyCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await NewOidcKeyCommand.RunAsync([NewOidcKeyCommand.Command, .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Signing_PrintsKeyIdColonPkcs8Rsa2048_WithoutNewline_ThatTheRingAndValidatorAccept()
    {
        var (exit, output, error) = await Run("signing", "o2");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Matches("^o2:[A-Za-z0-9+/]+={0,2}$", output);
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(output["o2:".Length..]), out _);
        Assert.Equal(2048, rsa.KeySize);
        var ring = OidcKeyRing.SigningKeys($"{output};{(await Run("signing")).Output}", "o2");
        Assert.Equal(["o2", "o1"], ring.Select(k => k.KeyId));
        Assert.True(Validator().Validate(null, new OidcOptions { SigningKeys = output, EncryptionKeys = (await Run("encryption")).Output }).Succeeded);
    }

    [Fact]
    public async Task Encryption_PrintsKeyIdColon32RandomBytes_DefaultIdE1_NewEachTime()
    {
        var first = await Run("encryption");
        var second = await Run("encryption");

        Assert.Equal(0, first.Exit);
        Assert.StartsWith("e1:", first.Output, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.Output["e1:".Length..]).Length);
        Assert.NotEqual(first.Output, second.Output);
        Assert.IsType<SymmetricSecurityKey>(Assert.Single(OidcKeyRing.EncryptionKeys(first.Output, null)));
    }

    [Theory]
    [InlineData]
    [InlineData("rsa")]
    [InlineData("signing", "bad id")]
    [InlineData("signing", "o1:")]
    [InlineData("encryption", "")]
    [InlineData("encryption", "a-key-id-much-longer-than-32-chars")]
    public async Task BadArguments_Usage_ExitCode2_NothingOnOutput(params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("usage: new-oidc-key signing|encryption [keyId]", error, StringComparison.Ordinal);
    }

    private static OidcOptionsValidator Validator() =>
        new(new HostingEnvironment { EnvironmentName = Environments.Production },
            new ConfigurationBuilder().Build());
}
