namespace PushAuth.Domain.Events;

/// <summary>
/// The pure rules of a tenant's event delivery: which subscriptions get an event, when a failed delivery is tried again,
/// when it is given up, and how much is kept. The grain loads, applies one of these, saves, then sends.
/// </summary>
public static class EventQueue
{
    /// <summary>Subscriptions a tenant may have.</summary>
    public const int MaxSubscriptions = 10;

    /// <summary>Finished deliveries kept for the admin's list and replay.</summary>
    public const int FinishedKept = 100;

    /// <summary>Deliveries pending at once; beyond it the oldest is failed (a receiver down for a day under heavy traffic).</summary>
    public const int MaxPending = 2_000;

    /// <summary>Event ids remembered to ignore a repeated publish.</summary>
    public const int RecentIdsKept = 5_000;

    /// <summary>How long a delivery is retried, like the challenge webhook and the events URL.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>Queues each event not seen before for every subscription that wants it; unchanged when nothing is new.</summary>
    public static TenantEventsState Publish(TenantEventsState s, IEnumerable<TenantEvent> events, DateTimeOffset now)
    {
        var seen = s.RecentEventIds.ToHashSet(StringComparer.Ordinal);
        var fresh = events.Where(e => seen.Add(e.EventId)).ToList();
        if (fresh.Count == 0)
        {
            return s;
        }
        var added = fresh.SelectMany(e => s.Subscriptions.Where(sub => sub.Wants(e.Type))
            .Select(sub => new StoredDelivery(DeliveryId(sub.SubscriptionId, e.EventId), sub.SubscriptionId, e, EventDeliveryStatus.Pending, 0, now, now)));
        return Bounded(s with
        {
            Deliveries = [.. s.Deliveries, .. added],
            RecentEventIds = [.. s.RecentEventIds, .. fresh.Select(e => e.EventId)],
        }, now);
    }

    /// <summary>The id of an event's delivery to a subscription: the same on every publish and replay.</summary>
    public static string DeliveryId(string subscriptionId, string eventId) => $"dlv_{subscriptionId}_{eventId}";

    /// <summary>Deliveries to try now.</summary>
    public static IReadOnlyList<StoredDelivery> Due(TenantEventsState s, DateTimeOffset now) =>
        [.. s.Deliveries.Where(d => d.Status == EventDeliveryStatus.Pending && d.NextAttemptAt <= now)];

    /// <summary>When the next pending delivery is due, if any.</summary>
    public static DateTimeOffset? NextDue(TenantEventsState s) =>
        s.Deliveries.Where(d => d.Status == EventDeliveryStatus.Pending).Select(d => (DateTimeOffset?)d.NextAttemptAt).Min();

    /// <summary>Records an attempt: delivered; or retried after <see cref="Backoff"/> (<paramref name="jitter"/> in [0, 1));
    /// or failed once <see cref="GiveUpAfter"/> has passed since the delivery was queued (or replayed).</summary>
    public static TenantEventsState Attempted(TenantEventsState s, string deliveryId, DeliveryAttempt attempt, DateTimeOffset now, double jitter)
    {
        var index = IndexOf(s, deliveryId);
        if (index < 0 || s.Deliveries[index].Status != EventDeliveryStatus.Pending)
        {
            return s; // deleted with its subscription, or finished by another attempt meanwhile
        }
        var d = s.Deliveries[index];
        var attempts = d.Attempts + 1;
        var status = attempt.Delivered ? EventDeliveryStatus.Delivered
            : now - d.CreatedAt >= GiveUpAfter ? EventDeliveryStatus.Failed
            : EventDeliveryStatus.Pending;
        var next = d with
        {
            Status = status,
            Attempts = attempts,
            LastAttemptAt = now,
            LastStatusCode = attempt.StatusCode,
            LastError = attempt.Error,
            NextAttemptAt = status == EventDeliveryStatus.Pending ? now + Backoff(attempts, jitter) : d.NextAttemptAt,
            FinishedAt = status == EventDeliveryStatus.Pending ? null : now,
        };
        return Bounded(Replace(s, index, next), now);
    }

    /// <summary>Queues a delivery again now, with the same event; its 24 hours start over. Null when there is none or
    /// its subscription is gone.</summary>
    public static TenantEventsState? Replay(TenantEventsState s, string deliveryId, DateTimeOffset now)
    {
        var index = IndexOf(s, deliveryId);
        if (index < 0 || !s.Subscriptions.Any(sub => sub.SubscriptionId == s.Deliveries[index].SubscriptionId))
        {
            return null;
        }
        var d = s.Deliveries[index];
        return Replace(s, index, d with { Status = EventDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, FinishedAt = null });
    }

    /// <summary>Drops a subscription and its pending deliveries (finished ones stay in the log).</summary>
    public static TenantEventsState? Unsubscribe(TenantEventsState s, string subscriptionId)
    {
        if (!s.Subscriptions.Any(sub => sub.SubscriptionId == subscriptionId))
        {
            return null;
        }
        return s with
        {
            Subscriptions = [.. s.Subscriptions.Where(sub => sub.SubscriptionId != subscriptionId)],
            Deliveries = [.. s.Deliveries.Where(d => d.SubscriptionId != subscriptionId || d.Status != EventDeliveryStatus.Pending)],
        };
    }

    /// <summary>The retry schedule of the owed effects (challenge webhooks, the events URL): 1 s, 2 s, 4 s … capped at
    /// 5 minutes, spread over the upper half of each step so a receiver coming back is not hit by every tenant at once.</summary>
    public static TimeSpan Backoff(int attempts, double jitter)
    {
        var ceiling = Math.Min(300.0, Math.Pow(2, Math.Clamp(attempts - 1, 0, 16)));
        return TimeSpan.FromSeconds((ceiling / 2) + (Math.Clamp(jitter, 0, 1) * ceiling / 2));
    }

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<EventDelivery> Recent(TenantEventsState s, int limit) =>
        [.. s.Deliveries.OrderByDescending(d => d.FinishedAt ?? DateTimeOffset.MaxValue).ThenByDescending(d => d.CreatedAt).Take(limit).Select(d => d.View())];

    private static TenantEventsState Bounded(TenantEventsState s, DateTimeOffset now)
    {
        var pending = s.Deliveries.Where(d => d.Status == EventDeliveryStatus.Pending).ToList();
        var finished = s.Deliveries.Where(d => d.Status != EventDeliveryStatus.Pending).ToList();
        if (pending.Count > MaxPending)
        {
            finished.AddRange(pending.Take(pending.Count - MaxPending)
                .Select(d => d with { Status = EventDeliveryStatus.Failed, LastError = "queue full", FinishedAt = now }));
            pending = pending.Skip(pending.Count - MaxPending).ToList();
        }
        var recent = s.RecentEventIds.Count > RecentIdsKept ? s.RecentEventIds.Skip(s.RecentEventIds.Count - RecentIdsKept).ToList() : s.RecentEventIds;
        return s with
        {
            Deliveries = [.. pending, .. finished.OrderBy(d => d.FinishedAt).TakeLast(FinishedKept)],
            RecentEventIds = recent,
        };
    }

    private static int IndexOf(TenantEventsState s, string deliveryId)
    {
        for (var i = 0; i < s.Deliveries.Count; i++)
        {
            if (s.Deliveries[i].DeliveryId == deliveryId)
            {
                return i;
            }
        }
        return -1;
    }

    private static TenantEventsState Replace(TenantEventsState s, int index, StoredDelivery d)
    {
        var list = s.Deliveries.ToList();
        list[index] = d;
        return s with { Deliveries = list };
    }
}
