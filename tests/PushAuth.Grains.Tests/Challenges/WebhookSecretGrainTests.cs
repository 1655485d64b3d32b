using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Challenges;

/// <summary>A tenant's webhook signing secret: none until rotated, then the same one until rotated again.</summary>
public sealed class WebhookSecretGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private IWebhookSecretGrain NewSecret() => host.Grains.GetGrain<IWebhookSecretGrain>("t" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Get_NeverRotated_IsNull()
    {
        Assert.Null(await NewSecret().GetAsync());
    }

    [Fact]
    public async Task Rotate_ReplacesTheSecretAndGetReturnsTheNewOne()
    {
        var secret = NewSecret();

        var first = await secret.RotateAsync();
        var read = await secret.GetAsync();
        var second = await secret.RotateAsync();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(first, read);
        Assert.NotEqual(first, second);
        Assert.Equal(second, await secret.GetAsync());
    }

    [Fact]
    public async Task Get_AfterTheActivationIsGone_ReadsTheStoredSecret()
    {
        var secret = NewSecret();
        var rotated = await secret.RotateAsync();

        await host.Cluster.DeactivateAsync(secret);

        Assert.Equal(rotated, await secret.GetAsync());
    }
}
