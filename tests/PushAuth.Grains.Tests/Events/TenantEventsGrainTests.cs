using PushAuth.Grains.Tests.Infrastructure;

namespace PushAuth.Grains.Tests.Events;

/// <summary>A tenant's event subscriptions and delivery queue, called on its events grain: subscriptions come and go, and
/// a publish queues one delivery per event and matching subscription however often it is repeated. The queue is read
/// through the delivery log; the receiver (a closed loopback port) never answers, so nothing leaves the queue by success.</summary>
public sealed class TenantEventsGrainTests(GrainHostFixture host) : IClassFixture<GrainHostFixture>
{
    private const string Receiver = "https://127.0.0.1:9/events";

    private (string TenantId, ITenantEventsGrain Events) NewTenant()
    {
        var tenantId = "t" + Guid.NewGuid().ToString("N")[..12];
        return (tenantId, host.Grains.GetGrain<ITenantEventsGrain>(tenantId));
    }

    private TenantEvent Event(string tenantId, string type) =>
        new("ev_" + Guid.NewGuid().ToString("N"), type, host.Time.GetUtcNow(), tenantId, "alice", new Dictionary<string, string> { ["challengeId"] = "ch_1" });

    [Fact]
    public async Task Subscribe_ListedWithoutItsSecret()
    {
        var (_, events) = NewTenant();

        var created = await events.SubscribeAsync(Receiver, [TenantEventTypes.FraudReported], "admin-1");

        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(host.Time.GetUtcNow(), created.CreatedAt);
        var listed = Assert.Single(await events.ListSubscriptionsAsync());
        Assert.Equal((created.SubscriptionId, Receiver, created.CreatedAt, "admin-1"), (listed.SubscriptionId, listed.Url, listed.CreatedAt, listed.CreatedBy));
        Assert.Equal(new[] { TenantEventTypes.FraudReported }, listed.EventTypes);
    }

    [Fact]
    public async Task Unsubscribe_RemovesTheSubscriptionAndItsDeliveriesOnce()
    {
        var (tenantId, events) = NewTenant();
        var kept = await events.SubscribeAsync(Receiver, [], "admin-1");
        var removed = await events.SubscribeAsync(Receiver, [], "admin-1");
        await events.PublishAsync([Event(tenantId, TenantEventTypes.ChallengeResolved)]);

        Assert.True(await events.UnsubscribeAsync(removed.SubscriptionId));
        Assert.False(await events.UnsubscribeAsync(removed.SubscriptionId));

        Assert.Equal(kept.SubscriptionId, Assert.Single(await events.ListSubscriptionsAsync()).SubscriptionId);
        Assert.Equal(kept.SubscriptionId, Assert.Single(await events.ListDeliveriesAsync(100)).SubscriptionId);
    }

    [Fact]
    public async Task Publish_TheSameEventAgain_OneDeliveryPerEventAndMatchingSubscription()
    {
        var (tenantId, events) = NewTenant();
        var all = await events.SubscribeAsync(Receiver, [], "admin-1");
        var fraudOnly = await events.SubscribeAsync(Receiver, [TenantEventTypes.FraudReported], "admin-1");
        var resolved = Event(tenantId, TenantEventTypes.ChallengeResolved);
        var fraud = Event(tenantId, TenantEventTypes.FraudReported);

        await events.PublishAsync([resolved]);
        // The history grain's retry of an append publishes again, with the event ids it had.
        await events.PublishAsync([resolved, fraud]);
        await events.PublishAsync([fraud]);

        var deliveries = await events.ListDeliveriesAsync(100);
        Assert.Equal(
            new[] { (all.SubscriptionId, resolved.EventId), (all.SubscriptionId, fraud.EventId), (fraudOnly.SubscriptionId, fraud.EventId) }.Order(),
            deliveries.Select(d => (d.SubscriptionId, d.EventId)).Order());
        Assert.All(deliveries, d => Assert.Equal(d.EventId == fraud.EventId ? TenantEventTypes.FraudReported : TenantEventTypes.ChallengeResolved, d.EventType));
    }

    [Fact]
    public async Task Publish_WithoutSubscriptions_RemembersNothing()
    {
        var (tenantId, events) = NewTenant();
        var early = Event(tenantId, TenantEventTypes.MethodPaired);

        await events.PublishAsync([early]);
        var subscription = await events.SubscribeAsync(Receiver, [], "admin-1");
        await events.PublishAsync([early]);

        // Nobody listened the first time, so the event id was not kept and the later publish is news to the new subscription.
        var delivery = Assert.Single(await events.ListDeliveriesAsync(100));
        Assert.Equal((subscription.SubscriptionId, early.EventId), (delivery.SubscriptionId, delivery.EventId));
    }

    [Fact]
    public async Task Publish_AnotherTenantsEvent_Refused()
    {
        var (_, events) = NewTenant();
        await events.SubscribeAsync(Receiver, [], "admin-1");

        await Assert.ThrowsAsync<ArgumentException>(() => events.PublishAsync([Event("t-other", TenantEventTypes.ChallengeResolved)]));

        Assert.Empty(await events.ListDeliveriesAsync(100));
    }
}
