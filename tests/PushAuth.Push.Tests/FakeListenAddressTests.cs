using System.Net;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests;

public sealed class FakeListenAddressTests
{
    [Fact]
    public async Task FakeApnsServer_PublicHostAndAnyAddress_BaseAddressAndCertificateUseHost()
    {
        await using var server = await FakeApnsServer.StartAsync(new FakeApnsServerOptions { ListenAddress = IPAddress.Any, PublicHost = "push-fakes" });

        Assert.Equal("push-fakes", server.BaseAddress.Host);
        Assert.True(server.Certificate.MatchesHostname("push-fakes", allowWildcards: false, allowCommonName: false));
    }

    [Fact]
    public async Task FakeFcmServer_Defaults_LoopbackAddresses()
    {
        await using var server = await FakeFcmServer.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.Equal("127.0.0.1", server.TokenEndpoint.Host);
    }
}
