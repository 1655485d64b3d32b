using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using PushAuth.Grains.Tests.Infrastructure;
using PushAuth.History;
using PushAuth.Testing;

namespace PushAuth.Grains.Tests.History;

/// <summary>The single writer of a tenant's history: appends in order, once per event id, and cuts by retention when its
/// reminder fires (fired here by hand through <see cref="IRemindable"/>, at a time set on the fake clock).</summary>
public sealed class TenantHistoryGrainTests(ShortRetentionHostFixture host) : IClassFixture<ShortRetentionHostFixture>
{
    private static readonly RequestOrigin Origin = new("203.0.113.9", "tests", null);

    private IHistoryStore Store => host.SiloServices.GetRequiredService<IHistoryStore>();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private HistoryEvent Event(string tenantId, string userId) =>
        new("ev_" + Guid.NewGuid().ToString("N"), host.Time.GetUtcNow(), tenantId, userId, "tests", HistoryActivities.TotpVerify, "totp", "ok");

    [Fact]
    public async Task Append_Events_StoredInOrderAndLinkedIntoOneChain()
    {
        var tenantId = NewTenant();
        var history = host.Grains.GetGrain<ITenantHistoryGrain>(tenantId);
        var events = new[] { Event(tenantId, "alice"), Event(tenantId, "bob"), Event(tenantId, "alice") };

        await history.AppendAsync(events[..2]);
        await history.AppendAsync(events[2..]);

        var stored = (await Store.QueryAsync(new HistoryQuery(tenantId))).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(events.Select(e => e.EventId), stored.Select(r => r.Event.EventId));
        for (var i = 1; i < stored.Count; i++)
        {
            Assert.Equal(stored[i - 1].Hash, stored[i].PreviousHash);
        }
    }

    [Fact]
    public async Task Append_SameEventIdAgain_StoredOnce()
    {
        var tenantId = NewTenant();
        var history = host.Grains.GetGrain<ITenantHistoryGrain>(tenantId);
        var first = Event(tenantId, "alice");
        var second = Event(tenantId, "alice");

        await history.AppendAsync([first]);
        // A re-send after a crash, and a duplicate within one batch.
        await history.AppendAsync([first, second, second]);

        var stored = await Store.QueryAsync(new HistoryQuery(tenantId));
        Assert.Equal([first.EventId, second.EventId], stored.OrderBy(r => r.Sequence).Select(r => r.Event.EventId));
    }

    [Fact]
    public async Task RetentionReminder_EntriesOlderThanTheTenantSetting_CutAndTheCutRecorded()
    {
        var tenantId = NewTenant();
        var tenant = host.Grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.CreateAsync("Acme", Origin);
        await tenant.UpdateSettingsAsync(new TenantSettings("Acme", Recovery: new RecoverySettings(HistoryRetentionDays: 1)), "tests", Origin);
        var history = host.Grains.GetGrain<ITenantHistoryGrain>(tenantId);
        var old = Event(tenantId, "alice");
        await history.AppendAsync([old]);
        host.Time.Advance(TimeSpan.FromDays(2));
        var recent = Event(tenantId, "alice");
        await history.AppendAsync([recent]);
        var reminders = await host.SiloServices.GetRequiredService<IReminderTable>().ReadRows(history.GetGrainId());

        var now = host.Time.GetUtcNow().UtcDateTime;
        await history.AsReference<IRemindable>().ReceiveReminder("retention", new TickStatus(now, TimeSpan.FromHours(1), now));

        Assert.Contains(reminders.Reminders, r => r.ReminderName == "retention");
        var left = await Store.QueryAsync(new HistoryQuery(tenantId, UserId: "alice"));
        Assert.Equal([recent.EventId], left.Select(r => r.Event.EventId));
        await Eventually.UntilAsync(async () => (await Store.QueryAsync(new HistoryQuery(tenantId, Activity: RetentionCut.Activity))).Count == 1,
            TimeSpan.FromSeconds(10), "one retention cut in the chain");
    }

    [Fact]
    public async Task EnforceRetention_NothingOlderThanTheFloor_DeletesNothing()
    {
        var tenantId = NewTenant();
        var history = host.Grains.GetGrain<ITenantHistoryGrain>(tenantId);
        await history.AppendAsync([Event(tenantId, "alice")]);

        // No tenant settings: the default 180 days hold.
        host.Time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, await history.EnforceRetentionAsync());
        Assert.Single(await Store.QueryAsync(new HistoryQuery(tenantId)));
    }
}
