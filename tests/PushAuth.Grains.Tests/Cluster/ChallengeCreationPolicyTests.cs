using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>
/// What a challenge may ask for is decided by the user grain, so every caller of challenge creation meets it (the REST
/// endpoint, the console, an OpenID Connect front door), not only the HTTP body class. These tests call the grain
/// directly, as a caller without any HTTP layer would.
/// </summary>
[Collection(nameof(PostgresApprovalCluster))]
public sealed class ChallengeCreationPolicyTests(PostgresApprovalClusterFixture fixture)
{
    private ApprovalWorld World { get; } = new(fixture.Cluster);

    private async Task<ChallengeView> CreateAsync(string userId, string? webhookUrl = null, string? sessionBinding = null) =>
        (await World.User(userId).CreateChallengeAsync(World.TenantId, userId, new CreateChallengeRequest(userId, new ChallengeContext("Mail", "Sign in"),
            NumberMatching: false, SessionBinding: sessionBinding, WebhookUrl: webhookUrl), RequestOrigin.Internal)).View;

    [Theory]
    [InlineData("http://10.0.0.5/hook", "webhookUrl.invalid")]
    [InlineData("https://169.254.169.254/latest/meta-data", "webhookUrl.forbidden-address")]
    [InlineData("https://localhost/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://[::1]/hook", "webhookUrl.forbidden-address")]
    [InlineData("https://user:pw@hooks.example.com/hook", "webhookUrl.invalid")]
    [InlineData("not a url", "webhookUrl.invalid")]
    public async Task WebhookToANonPublicOrMalformedTarget_IsRefusedByTheGrain(string url, string code)
    {
        await World.CreateTenantAsync();
        await World.Grains().GetGrain<IWebhookSecretGrain>(World.TenantId).RotateAsync();
        await World.PairedPhoneAsync("alice");

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync("alice", url));

        Assert.Equal(code, refused.Code);
        Assert.Empty(await World.HistoryAsync("challenge.created"));
    }

    [Fact]
    public async Task PrivateHost_IsAcceptedOnlyWhenTheTenantListsIt_WhereTheOperatorAllowsPrivateTargets()
    {
        // TestingHost silos run as Development, where Webhooks:AllowPrivateTargets defaults to true (the operator's ban
        // outside Development is WebhookTargetTests in the Silo tests).
        Assert.True(World.Silo(0).GetRequiredService<IHostEnvironment>().IsDevelopment());
        await World.CreateTenantAsync(new TenantSettings("Test tenant", NumberMatchingDigits: 0, PushesPerUserPerMinute: 60, MaxOutstandingChallenges: 20,
            WebhookAllowedHosts: ["10.0.0.5"]));
        await World.Grains().GetGrain<IWebhookSecretGrain>(World.TenantId).RotateAsync();
        await World.PairedPhoneAsync("alice");

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync("alice", "https://10.0.0.6/hook"));
        var created = await CreateAsync("alice", "https://10.0.0.5/hook");

        Assert.Equal("webhookUrl.forbidden-address", refused.Code);
        Assert.Equal(ChallengeStatus.Pending, created.Status);
    }

    [Fact]
    public async Task PublicWebhook_WithoutASigningSecret_IsRefused_AndWithOneIsAccepted()
    {
        await World.CreateTenantAsync();
        await World.PairedPhoneAsync("alice");

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync("alice", "https://hooks.example.com/pushauth"));
        Assert.Equal("webhook.no-secret", refused.Code);

        await World.Grains().GetGrain<IWebhookSecretGrain>(World.TenantId).RotateAsync();
        var created = await CreateAsync("alice", "https://hooks.example.com/pushauth");
        Assert.Equal(ChallengeStatus.Pending, created.Status);
    }

    [Fact]
    public async Task SessionBindingInTheConsolesReservedNamespace_IsRefusedByTheGrain()
    {
        await World.CreateTenantAsync();
        await World.PairedPhoneAsync("alice");

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => CreateAsync("alice", sessionBinding: "Console:admin-sign-in"));

        Assert.Equal("sessionBinding.reserved", refused.Code);
    }
}
