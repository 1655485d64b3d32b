using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Tenants;

/// <summary>The development-default keys: an in-process TestingHost silo runs as Development, where each named key is
/// generated once and then always the same.</summary>
public sealed class SystemKeysGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private ISystemKeysGrain NewKeys() => host.Grains.GetGrain<ISystemKeysGrain>("keys-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task GetOrCreate_InDevelopment_OneRandomKeyPerNameKept()
    {
        Assert.True(host.SiloServices.GetRequiredService<IHostEnvironment>().IsDevelopment());
        var keys = NewKeys();

        var first = await keys.GetOrCreateAsync("backup-master");
        var again = await keys.GetOrCreateAsync("backup-master");
        var other = await keys.GetOrCreateAsync("session");

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, await NewKeys().GetOrCreateAsync("backup-master"));
    }
}
