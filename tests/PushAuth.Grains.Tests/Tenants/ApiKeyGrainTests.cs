using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Tenants;

/// <summary>One API key's record, keyed by its prefix: registered once (a colliding prefix is refused, so the tenant
/// draws again), revoked for good, kept across activations.</summary>
public sealed class ApiKeyGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private IApiKeyGrain NewKey(out string keyId)
    {
        keyId = "k" + Guid.NewGuid().ToString("N")[..7];
        return host.Grains.GetGrain<IApiKeyGrain>(keyId);
    }

    private ApiKeyRecord Record(string keyId, string tenantId) =>
        new(keyId, tenantId, ApiKeyRole.LoginService, "web", "hash-of-" + keyId, host.Time.GetUtcNow(), false);

    [Fact]
    public async Task Register_FreePrefix_StoredAndReadBackAfterDeactivation()
    {
        var key = NewKey(out var keyId);

        Assert.True(await key.RegisterAsync(Record(keyId, "acme")));
        await host.Cluster.DeactivateAsync(key);

        Assert.Equal(Record(keyId, "acme"), await key.GetAsync());
    }

    [Fact]
    public async Task Register_TakenPrefix_RefusedAndTheFirstKept()
    {
        var key = NewKey(out var keyId);
        await key.RegisterAsync(Record(keyId, "acme"));

        Assert.False(await key.RegisterAsync(Record(keyId, "evil")));
        Assert.Equal("acme", (await key.GetAsync())?.TenantId);
    }

    [Fact]
    public async Task Revoke_RegisteredKey_RevokedAndARevokedPrefixIsNotReused()
    {
        var key = NewKey(out var keyId);
        await key.RegisterAsync(Record(keyId, "acme"));

        await key.RevokeAsync();
        await key.RevokeAsync();

        Assert.True((await key.GetAsync())?.Revoked);
        Assert.False(await key.RegisterAsync(Record(keyId, "acme")));
    }

    [Fact]
    public async Task Get_UnknownKey_IsNull()
    {
        Assert.Null(await NewKey(out _).GetAsync());
    }
}
