using PushAuth.Abstractions;
using PushAuth.Domain.Events;

namespace PushAuth.Domain.Tests.Events;

/// <summary>The delivery rules: fan-out by filter, idempotent publish, the backoff, giving up, replay, the bounds.</summary>
public sealed class EventQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly TenantEventsState TwoSubscriptions = new()
    {
        Subscriptions =
        [
            new StoredSubscription("sub_all", "https://a.example/e", [], T0, "admin", "protected"),
            new StoredSubscription("sub_paired", "https://b.example/e", [TenantEventTypes.MethodPaired], T0, "admin", "protected"),
        ],
    };

    private static TenantEvent Event(string id, string type = TenantEventTypes.MethodPaired) => new(id, type, T0, "t1", "alice", new Dictionary<string, string>());

    [Fact]
    public void Publish_TwiceTheSameEvent_QueuedOncePerMatchingSubscription()
    {
        var once = EventQueue.Publish(TwoSubscriptions, [Event("evt_1"), Event("evt_2", TenantEventTypes.ChallengeResolved)], T0);
        var twice = EventQueue.Publish(once, [Event("evt_1"), Event("evt_2", TenantEventTypes.ChallengeResolved)], T0);

        Assert.Same(once, twice);
        Assert.Equal(["dlv_sub_all_evt_1", "dlv_sub_paired_evt_1", "dlv_sub_all_evt_2"], once.Deliveries.Select(d => d.DeliveryId));
        Assert.All(once.Deliveries, d => Assert.Equal((EventDeliveryStatus.Pending, T0), (d.Status, d.NextAttemptAt)));
    }

    [Fact]
    public void Attempted_FailuresThenSuccess_BackoffDoublesThenDelivered()
    {
        var s = EventQueue.Publish(TwoSubscriptions, [Event("evt_1")], T0);
        var id = EventQueue.DeliveryId("sub_all", "evt_1");

        s = EventQueue.Attempted(s, id, new DeliveryAttempt(false, 500, null), T0, jitter: 1);
        var first = s.Deliveries.Single(d => d.DeliveryId == id);
        s = EventQueue.Attempted(s, id, new DeliveryAttempt(false, null, "timeout"), first.NextAttemptAt, jitter: 1);
        var second = s.Deliveries.Single(d => d.DeliveryId == id);
        s = EventQueue.Attempted(s, id, DeliveryAttempt.Ok(204), second.NextAttemptAt, jitter: 0);
        var done = s.Deliveries.Single(d => d.DeliveryId == id);

        Assert.Equal((T0.AddSeconds(1), 500), (first.NextAttemptAt, first.LastStatusCode));
        Assert.Equal((first.NextAttemptAt.AddSeconds(2), "timeout"), (second.NextAttemptAt, second.LastError));
        Assert.Equal((EventDeliveryStatus.Delivered, 3, 204), (done.Status, done.Attempts, done.LastStatusCode));
        Assert.Null(done.View().NextAttemptAt);
        Assert.Equal(TimeSpan.FromMinutes(5), EventQueue.Backoff(30, jitter: 1));
        Assert.Equal(TimeSpan.FromSeconds(150), EventQueue.Backoff(30, jitter: 0));
    }

    [Fact]
    public void Attempted_After24Hours_FailedThenReplayQueuesItAgainWithTheSameEvent()
    {
        var s = EventQueue.Publish(TwoSubscriptions, [Event("evt_1")], T0);
        var id = EventQueue.DeliveryId("sub_all", "evt_1");

        s = EventQueue.Attempted(s, id, new DeliveryAttempt(false, 503, null), T0.AddHours(24), jitter: 0);
        var failed = s.Deliveries.Single(d => d.DeliveryId == id);
        var replayed = EventQueue.Replay(s, id, T0.AddHours(25))!.Deliveries.Single(d => d.DeliveryId == id);

        Assert.Equal(EventDeliveryStatus.Failed, failed.Status);
        Assert.Equal((EventDeliveryStatus.Pending, T0.AddHours(25), failed.Event), (replayed.Status, replayed.NextAttemptAt, replayed.Event));
        Assert.Null(EventQueue.Replay(s, "dlv_nope", T0));
        Assert.Null(EventQueue.Replay(EventQueue.Unsubscribe(s, "sub_all")!, id, T0));
    }

    [Fact]
    public void Unsubscribe_DropsItsPendingDeliveriesOnly()
    {
        var s = EventQueue.Publish(TwoSubscriptions, [Event("evt_1")], T0);
        s = EventQueue.Attempted(s, EventQueue.DeliveryId("sub_paired", "evt_1"), DeliveryAttempt.Ok(200), T0, 0);
        s = EventQueue.Publish(s, [Event("evt_2")], T0);

        var after = EventQueue.Unsubscribe(s, "sub_paired")!;

        Assert.Equal(["dlv_sub_all_evt_1", "dlv_sub_all_evt_2", "dlv_sub_paired_evt_1"], after.Deliveries.Select(d => d.DeliveryId).Order());
        Assert.Null(EventQueue.Unsubscribe(after, "sub_paired"));
    }

    [Fact]
    public void Publish_ManyEvents_FinishedLogAndRecentIdsBounded()
    {
        var s = TwoSubscriptions with { Subscriptions = [TwoSubscriptions.Subscriptions[0]] };
        for (var i = 0; i < 150; i++)
        {
            s = EventQueue.Publish(s, [Event($"evt_{i}")], T0.AddSeconds(i));
            s = EventQueue.Attempted(s, EventQueue.DeliveryId("sub_all", $"evt_{i}"), DeliveryAttempt.Ok(200), T0.AddSeconds(i), 0);
        }

        Assert.Equal(EventQueue.FinishedKept, s.Deliveries.Count);
        Assert.Equal("evt_149", EventQueue.Recent(s, 1).Single().EventId);
        Assert.Equal(150, s.RecentEventIds.Count);
    }
}
