using Microsoft.Extensions.DependencyInjection;
using PushAuth.Grains.Tests.Cluster;
using PushAuth.History;

namespace PushAuth.Grains.Tests.Application;

/// <summary>
/// The application services check the caller's role themselves (the admin plane's holes came from a role check that
/// only an endpoint held, over calls any other caller could make): a host without authorization filters opens nothing.
/// Each operation is tried with every role that lacks its permission, and with the lowest role that has it.
/// </summary>
[Collection(nameof(PostgresApprovalCluster))]
public sealed class ServicePermissionTests(PostgresApprovalClusterFixture fixture)
{
    private ApprovalWorld World { get; } = new(fixture.Cluster);

    private T Service<T>() where T : notnull => World.Silo(0).GetRequiredService<T>();

    private Caller As(ApiKeyRole role) => new(World.TenantId, $"{role}:k1", role, "k1");

    public static TheoryData<string, ApiKeyRole> Refusals => new()
    {
        { "recovery.get", ApiKeyRole.LoginService },
        { "directory.list", ApiKeyRole.LoginService },
        { "directory.profile", ApiKeyRole.LoginService },
        { "recovery.temporary-code", ApiKeyRole.LoginService },
        { "recovery.temporary-code", ApiKeyRole.Auditor },
        { "recovery.revoke-all", ApiKeyRole.LoginService },
        { "recovery.revoke-all", ApiKeyRole.Auditor },
        { "history.verify", ApiKeyRole.LoginService },
        { "history.export", ApiKeyRole.LoginService },
        { "tenant.settings", ApiKeyRole.LoginService },
        { "tenant.settings", ApiKeyRole.ManageMfa },
        { "tenant.settings", ApiKeyRole.Auditor },
        { "tenant.api-key", ApiKeyRole.LoginService },
        { "tenant.api-key", ApiKeyRole.ManageMfa },
        { "tenant.api-key", ApiKeyRole.Auditor },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RoleWithoutThePermission_IsRefusedByTheService_AndNothingIsWritten(string operation, ApiKeyRole role)
    {
        await World.CreateTenantAsync();
        await World.PairedPhoneAsync("alice");
        var tenant = World.Grains().GetGrain<ITenantGrain>(World.TenantId);
        var keys = (await tenant.ListApiKeysAsync()).Count;

        var refused = await Assert.ThrowsAsync<PushAuthException>(() => InvokeAsync(operation, As(role)));

        Assert.Equal("auth.permission", refused.Code);
        Assert.DoesNotContain(await World.HistoryAsync(), e => e.Actor == As(role).Actor);
        Assert.Equal("Test tenant", (await tenant.GetSettingsAsync())!.DisplayName);
        Assert.Equal(keys, (await tenant.ListApiKeysAsync()).Count);
        Assert.Single((await Service<IUserRecoveryService>().GetAsync(As(ApiKeyRole.Admin), "alice")).Status.Methods);
    }

    [Theory]
    [InlineData("recovery.get", ApiKeyRole.Auditor)]
    [InlineData("directory.list", ApiKeyRole.Auditor)]
    [InlineData("directory.profile", ApiKeyRole.Auditor)]
    [InlineData("recovery.temporary-code", ApiKeyRole.ManageMfa)]
    [InlineData("history.verify", ApiKeyRole.Auditor)]
    [InlineData("history.export", ApiKeyRole.Auditor)]
    [InlineData("tenant.api-key", ApiKeyRole.Admin)]
    public async Task RoleWithThePermission_IsServed(string operation, ApiKeyRole role)
    {
        await World.CreateTenantAsync();
        await World.PairedPhoneAsync("alice");

        await InvokeAsync(operation, As(role));
    }

    private async Task InvokeAsync(string operation, Caller caller)
    {
        var recovery = Service<IUserRecoveryService>();
        var history = Service<IHistoryService>();
        var tenants = Service<ITenantAdministration>();
        var directory = Service<IUserDirectory>();
        switch (operation)
        {
            case "recovery.get": await recovery.GetAsync(caller, "alice"); break;
            case "directory.list": await directory.ListAsync(caller, null, null, 25); break;
            case "directory.profile": await directory.GetProfileAsync(caller, "alice"); break;
            case "recovery.temporary-code": await recovery.IssueTemporaryCodeAsync(caller, "alice", 1, null, RequestOrigin.Internal); break;
            case "recovery.revoke-all": await recovery.RevokeAllAsync(caller, "alice", "lost", null, RequestOrigin.Internal); break;
            case "history.verify": await history.VerifyAsync(caller, RequestOrigin.Internal); break;
            case "history.export": await history.ExportAsync(caller, new HistoryQuery(caller.TenantId), 10, "test", RequestOrigin.Internal); break;
            case "tenant.settings": await tenants.UpdateSettingsAsync(caller, new TenantSettings("Renamed"), RequestOrigin.Internal); break;
            case "tenant.api-key": await tenants.IssueApiKeyAsync(caller, ApiKeyRole.LoginService, "k", RequestOrigin.Internal); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }
}
