using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Caching;
using PushAuth.Grains.Tenants;
using PushAuth.History;

namespace PushAuth.Grains.Application;

/// <summary>The console's cached admin directory and its failed sign-ins (<see cref="IConsoleDirectory"/>).</summary>
internal sealed class ConsoleDirectory(IGrainFactory grains, TenantSettingsCache tenants, AuditTrail audit, TimeProvider time) : IConsoleDirectory
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ExpiringCache<ConsoleAdmins> _admins = new(time, Lifetime, 10_000);

    public Task<ConsoleAdmins> GetAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _admins.GetOrLoadAsync(tenantId, (id, ct) => grains.GetGrain<IConsoleAdminsGrain>(id).GetAsync(ct), cancellationToken);

    public void Forget(string tenantId) => _admins.Forget(tenantId);

    public async Task RecordFailedSignInAsync(string tenantId, string activity, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (await tenants.GetAsync(tenantId, cancellationToken) is null)
        {
            return;
        }
        await audit.RefusedAsync(HistoryEvents.Of(time.GetUtcNow(), tenantId, null, "console:unauthenticated", activity, "passkey", "failed", origin), cancellationToken);
    }
}
