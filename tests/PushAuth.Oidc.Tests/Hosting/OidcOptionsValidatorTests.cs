using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PushAuth.Oidc.Hosting;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Hosting;

/// <summary>The provider's keys follow the other keys' rules: configured outside Development, named when missing.</summary>
public sealed class OidcOptionsValidatorTests
{
    private static OidcOptionsValidator In(string environment, string publicUrl = "https://login.example.com") =>
        new(new HostingEnvironment { EnvironmentName = environment },
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PushAuth:Silo:PublicUrl"] = publicUrl }).Build());

    [Fact]
    public void OutsideDevelopment_NoKeys_BothNamedWithTheRunbook()
    {
        var result = In(Environments.Production).Validate(null, new OidcOptions());

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Oidc:SigningKeys is required outside Development", StringComparison.Ordinal) && f.Contains("RUNBOOK", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Oidc:EncryptionKeys is required outside Development", StringComparison.Ordinal));
    }

    [Fact]
    public void Development_NoKeys_Allowed_HttpOnlyOnALoopbackPublicUrl()
    {
        Assert.True(In(Environments.Development).Validate(null, new OidcOptions()).Succeeded);
        var keys = new OidcOptions { SigningKeys = TestKeys.OidcSigningKeys, EncryptionKeys = TestKeys.OidcEncryptionKeys, AllowHttp = true };
        var http = In(Environments.Production).Validate(null, keys);
        Assert.Contains(http.Failures!, f => f.StartsWith("PushAuth:Oidc:AllowHttp", StringComparison.Ordinal));
        Assert.True(In(Environments.Production, "http://127.0.0.1:8080").Validate(null, keys).Succeeded);
    }

    [Fact]
    public void ConfiguredKeys_Valid_MalformedNamed()
    {
        Assert.True(In(Environments.Production).Validate(null, new OidcOptions { SigningKeys = TestKeys.OidcSigningKeys, EncryptionKeys = TestKeys.OidcEncryptionKeys }).Succeeded);
        var bad = In(Environments.Production).Validate(null, new OidcOptions { SigningKeys = "s1:AAAA", EncryptionKeys = "e1:AAAA" });
        Assert.Contains(bad.Failures!, f => f.StartsWith("PushAuth:Oidc:SigningKeys is invalid", StringComparison.Ordinal));
        Assert.Contains(bad.Failures!, f => f.StartsWith("PushAuth:Oidc:EncryptionKeys is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silo_OutsideDevelopmentWithoutOidcKeys_RefusesToStart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PushAuth:Storage:Provider"] = "Sqlite",
            ["PushAuth:Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "pushauth-oidc-nokeys-" + Guid.NewGuid().ToString("N")),
            ["PushAuth:Oidc:SigningKeys"] = "",
        };

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => SiloTestHost.StartAsync(settings));

        Assert.Contains("PushAuth:Oidc:SigningKeys is required outside Development", ex.ToString(), StringComparison.Ordinal);
    }
}
