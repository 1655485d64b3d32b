using System.Net;
using System.Security.Cryptography.X509Certificates;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests;

public sealed class FakeCertificatesTests
{
    [Fact]
    public void CreateSelfSigned_AdditionalHosts_CoversNamesAndAddresses()
    {
        using var certificate = FakeCertificates.CreateSelfSigned(FakeCertificates.DefaultSubject, ["push-fakes", "10.1.2.3"]);

        Assert.True(certificate.MatchesHostname("push-fakes", allowWildcards: false, allowCommonName: false));
        Assert.True(certificate.MatchesHostname("10.1.2.3", allowWildcards: false, allowCommonName: false));
        Assert.True(certificate.MatchesHostname("localhost", allowWildcards: false, allowCommonName: false));
        Assert.False(certificate.MatchesHostname("other-host", allowWildcards: false, allowCommonName: false));
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void CreateSelfSigned_Default_CoversOnlyLoopback()
    {
        using var certificate = FakeCertificates.CreateSelfSigned();

        Assert.True(certificate.MatchesHostname("localhost", allowWildcards: false, allowCommonName: false));
        Assert.True(certificate.MatchesHostname(IPAddress.Loopback.ToString(), allowWildcards: false, allowCommonName: false));
        Assert.False(certificate.MatchesHostname("push-fakes", allowWildcards: false, allowCommonName: false));
    }
}
