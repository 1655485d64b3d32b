using Microsoft.Extensions.DependencyInjection;
using PushAuth.Grains.Tests.Infrastructure;
using PushAuth.History;
using PushAuth.Testing;

namespace PushAuth.Grains.Tests.Tenants;

/// <summary>A tenant: created once with its bootstrap keys, settings validated against the operator's floor, keys issued
/// and revoked, each change in the tenant's history.</summary>
public sealed class TenantGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private ITenantGrain NewTenant() => host.Grains.GetGrain<ITenantGrain>("t" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Create_NewTenant_IssuesAnAdminAndALoginServiceKeyAndStoresTheSettings()
    {
        var tenant = NewTenant();

        var keys = await tenant.CreateAsync("Acme", Origin);

        Assert.Equal([ApiKeyRole.Admin, ApiKeyRole.LoginService], keys.Select(k => k.Role));
        Assert.Equal("Acme", (await tenant.GetSettingsAsync())?.DisplayName);
        var listed = await tenant.ListApiKeysAsync();
        Assert.Equal(keys.Select(k => k.KeyId), listed.Select(k => k.KeyId));
        // The list shows neither a key nor its hash.
        Assert.All(listed, k => Assert.Equal("", k.Hash));
        Assert.All(listed, k => Assert.Equal(host.Time.GetUtcNow(), k.CreatedAt));
    }

    [Fact]
    public async Task Create_Twice_RefusedWithTenantExists()
    {
        var tenant = NewTenant();
        await tenant.CreateAsync("Acme", Origin);

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => tenant.CreateAsync("Other", Origin));

        Assert.Equal(ProblemCodes.Tenants.Exists.Code, refused.Code);
        Assert.Equal("Acme", (await tenant.GetSettingsAsync())?.DisplayName);
    }

    [Fact]
    public async Task GetSettings_UnknownTenant_IsNull()
    {
        Assert.Null(await NewTenant().GetSettingsAsync());
    }

    [Fact]
    public async Task UpdateSettings_Valid_StoredAndRecordedInHistory()
    {
        var tenant = NewTenant();
        await tenant.CreateAsync("Acme", Origin);

        var updated = await tenant.UpdateSettingsAsync(new TenantSettings("Acme Corp", NumberMatchingDigits: 3), "admin-1", Origin);

        Assert.Equal(3, updated.NumberMatchingDigits);
        Assert.Equal(updated, await tenant.GetSettingsAsync());
        var store = host.SiloServices.GetRequiredService<IHistoryStore>();
        // Owed effects: delivered after the write, so read until they land.
        await Eventually.UntilAsync(async () =>
            (await store.QueryAsync(new HistoryQuery(tenant.GetPrimaryKeyString(), Activity: HistoryActivities.TenantSettingsUpdated)))
                .Any(r => r.Event.Actor == "admin-1"),
            TimeSpan.FromSeconds(10), "tenant.settings-updated by admin-1 in the history");
    }

    [Fact]
    public async Task UpdateSettings_RetentionBelowTheOperatorFloor_RefusedAndUnchanged()
    {
        var tenant = NewTenant();
        await tenant.CreateAsync("Acme", Origin);

        // The floor is 30 days unless the operator lowers it.
        var refused = await Assert.ThrowsAsync<PushAuthException>(() =>
            tenant.UpdateSettingsAsync(new TenantSettings("Acme", Recovery: new RecoverySettings(HistoryRetentionDays: 7)), "admin-1", Origin));

        Assert.Equal(ProblemCodes.Tenants.HistoryRetentionBelowFloor.Code, refused.Code);
        Assert.Equal(RecoverySettings.Default, (await tenant.GetSettingsAsync())!.RecoveryOrDefault());
    }

    [Fact]
    public async Task UpdateSettings_UnknownTenant_Refused()
    {
        var refused = await Assert.ThrowsAsync<PushAuthException>(() => NewTenant().UpdateSettingsAsync(new TenantSettings("Acme"), "admin-1", Origin));

        Assert.Equal(ProblemCodes.Tenants.NotFound.Code, refused.Code);
    }

    [Fact]
    public async Task RevokeApiKey_IssuedKey_MarkedRevokedOnceAndKeptInTheList()
    {
        var tenant = NewTenant();
        await tenant.CreateAsync("Acme", Origin);
        var issued = await tenant.IssueApiKeyAsync(ApiKeyRole.LoginService, "web", "admin-1", Origin);

        Assert.True(await tenant.RevokeApiKeyAsync(issued.KeyId, "admin-1", Origin));
        Assert.False(await tenant.RevokeApiKeyAsync(issued.KeyId, "admin-1", Origin));
        Assert.False(await tenant.RevokeApiKeyAsync("ak_unknown", "admin-1", Origin));

        var listed = Assert.Single(await tenant.ListApiKeysAsync(), k => k.KeyId == issued.KeyId);
        Assert.True(listed.Revoked);
        Assert.Equal("web", listed.Name);
    }
}
