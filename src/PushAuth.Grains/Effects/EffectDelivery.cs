using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Diagnostics;
using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Grains.Effects;

/// <summary>
/// Hands out the effects one activation owes, after the write that saved them: history events to the tenant's history
/// grain, pushes to device grains (on gateway silos), webhooks, notices to other grains. It runs outside the request
/// turn, on the activation's scheduler, so a slow provider never holds the grain and no call waits in a cycle.
/// Delivered ids are remembered until the grain's next write drops them from its state; anything undelivered when the
/// silo dies is still in the state, and is handed out again when the grain next activates (its reminder sees to that).
/// </summary>
internal partial class EffectDelivery(IGrainFactory grains, WebhookSender webhooks, IUserNotifier notifier, IOptions<EffectOptions> options, TimeProvider time, ILogger<EffectDelivery> logger)
{
    /// <summary>Retries further away than this wait for the grain's reminder tick instead of a timer.</summary>
    private static readonly TimeSpan ShortRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WebhookGiveUp = TimeSpan.FromHours(24);

    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Attempts, DateTimeOffset NotBefore)> _retries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private OwedEffects _owed = OwedEffects.None;

    /// <summary>Period of the reminder an owing grain keeps registered until everything is delivered.</summary>
    public TimeSpan ReminderPeriod => options.Value.ReminderPeriod;

    /// <summary>Ids delivered since the last write; the next write leaves them out.</summary>
    public IReadOnlySet<string> Delivered => _delivered;

    /// <summary>True when everything in <paramref name="owed"/> has been delivered.</summary>
    public bool AllDelivered(OwedEffects owed) => owed.Without(_delivered).IsEmpty;

    /// <summary>Call after every successful write (and on activation) with the effects the state now holds: starts
    /// delivering whatever is due and not yet delivered or in flight.</summary>
    public void Committed(OwedEffects owed)
    {
        _owed = owed;
        var ids = Ids(owed).ToHashSet(StringComparer.Ordinal);
        _delivered.IntersectWith(ids);
        var now = time.GetUtcNow();
        foreach (var id in ids)
        {
            _firstSeen.TryAdd(id, now);
        }
        foreach (var gone in _firstSeen.Keys.Where(k => !ids.Contains(k)).ToList())
        {
            _firstSeen.Remove(gone);
        }
        _ = DeliverDueAsync(CancellationToken.None);
    }

    /// <summary>Delivers everything due now and waits for it (the reminder tick).</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => DeliverDueAsync(cancellationToken);

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var owed = _owed.Without(_delivered);
        bool Due(string id) => !_inFlight.Contains(id) && (!_retries.TryGetValue(id, out var r) || r.NotBefore <= now);
        var work = new List<Task>();
        foreach (var group in owed.History.Where(e => Due(e.EventId)).GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var events = group.ToList();
            work.Add(RunAsync(PushAuthDiagnostics.EffectKinds.History, [.. events.Select(e => e.EventId)], ct => AppendHistoryAsync(group.Key, events, ct), cancellationToken));
        }
        foreach (var effect in owed.Items.Where(e => e is not OwedHistory && Due(e.EffectId)))
        {
            work.Add(Deliver(effect, cancellationToken));
        }
        await Task.WhenAll(work);
    }

    /// <summary>The one dispatch of an owed effect to what delivers its kind (history goes in batches per tenant, above).</summary>
    private Task Deliver(OwedEffect effect, CancellationToken cancellationToken) => effect switch
    {
        OwedPush push => RunAsync(PushAuthDiagnostics.EffectKinds.Push, [push.EffectId], ct => PushAsync(push, ct), cancellationToken),
        OwedWebhook webhook => RunAsync(PushAuthDiagnostics.EffectKinds.Webhook, [webhook.EffectId], ct => WebhookAsync(webhook, ct), cancellationToken),
        OwedEventWebhook webhook => RunAsync(PushAuthDiagnostics.EffectKinds.Webhook, [webhook.EffectId], ct => EventWebhookAsync(webhook, ct), cancellationToken),
        OwedNotice notice => RunAsync(PushAuthDiagnostics.EffectKinds.Notice, [notice.EffectId], ct => NoticeAsync(notice, ct), cancellationToken),
        OwedUserNotice notice => RunAsync(PushAuthDiagnostics.EffectKinds.Notice, [notice.EffectId], ct => UserNoticeAsync(notice, ct), cancellationToken),
        _ => Unknown(effect),
    };

    private Task Unknown(OwedEffect effect)
    {
        LogUnknownNotice(effect.GetType().Name);
        return Task.CompletedTask;
    }

    /// <summary>Runs one delivery: null = delivered (or given up), a time = try again then.</summary>
    private async Task RunAsync(string kind, IReadOnlyList<string> ids, Func<CancellationToken, Task<DateTimeOffset?>> deliver, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            _inFlight.Add(id);
        }
        DateTimeOffset? retryAt;
        try
        {
            retryAt = await deliver(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDeliveryFailed(ex, ids[0]);
            retryAt = Backoff(ids[0]);
        }
        finally
        {
            foreach (var id in ids)
            {
                _inFlight.Remove(id);
            }
        }
        var now = time.GetUtcNow();
        foreach (var id in ids)
        {
            if (retryAt is null)
            {
                _delivered.Add(id);
                _retries.Remove(id);
                PushAuthDiagnostics.RecordEffectDelivered(kind, now - _firstSeen.GetValueOrDefault(id, now));
            }
            else
            {
                _retries[id] = (_retries.GetValueOrDefault(id).Attempts + 1, retryAt.Value);
            }
        }
        if (retryAt is not null)
        {
            PushAuthDiagnostics.RecordEffectRetry(kind);
        }
        if (retryAt is { } at && at - time.GetUtcNow() <= ShortRetry)
        {
            // A little past the retry time: a timer can fire a millisecond early by the wall clock, and a retry
            // found "not yet due" would then wait for the next reminder tick.
            await Task.Delay(Max(at - time.GetUtcNow(), TimeSpan.Zero) + TimeSpan.FromMilliseconds(20), time, cancellationToken);
            await DeliverDueAsync(cancellationToken);
        }
    }

    private async Task<DateTimeOffset?> AppendHistoryAsync(string tenantId, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        await grains.GetGrain<ITenantHistoryGrain>(tenantId).AppendAsync(events, cancellationToken);
        return null;
    }

    private async Task<DateTimeOffset?> PushAsync(OwedPush push, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() >= push.Request.ExpiresAt)
        {
            // Still owed at expiry: never delivered, and pointless now. The user waited for a prompt that did not come.
            GivenUp(push);
            await RecordFailedAsync(push, "not delivered before the challenge expired", cancellationToken);
            return null;
        }
        // The send continues the trace of the request that decided it.
        using var activity = TraceContextCarrier.Parse(push.TraceContext) is { } parent
            ? PushAuthDiagnostics.Push.StartActivity("push.deliver", ActivityKind.Producer, parent)
            : PushAuthDiagnostics.Push.StartActivity("push.deliver", ActivityKind.Producer);
        activity?.SetTag("pushauth.push.kind", push.Request.Kind);
        var result = await grains.GetGrain<IDeviceGrain>(push.Request.DeviceId).PushAsync(push.Request, cancellationToken);
        if (result.Kind != PushDeliveryKind.Retry)
        {
            if (result.Refused)
            {
                await RecordFailedAsync(push, result.Reason ?? "refused", cancellationToken);
            }
            return null;
        }
        if (result.RetryAt >= push.Request.ExpiresAt)
        {
            // The provider keeps refusing and the next try would come after the challenge's end.
            GivenUp(push);
            await RecordFailedAsync(push, result.Reason ?? "retries exhausted", cancellationToken);
            return null;
        }
        return result.RetryAt;
    }

    /// <summary>A challenge's push that never reached the phone, in the tenant's history (the console's "push-delivery
    /// failures"): the user can still pull, but the helpdesk sees why no prompt came. The event id follows from the push,
    /// so a delivery retried after a crash records it once.</summary>
    private async Task RecordFailedAsync(OwedPush push, string reason, CancellationToken cancellationToken)
    {
        if (push.Request is not { Kind: "challenge", TenantId: { } tenantId })
        {
            return;
        }
        await grains.GetGrain<ITenantHistoryGrain>(tenantId).AppendAsync(
            [HistoryEvents.Of(time.GetUtcNow(), tenantId, push.Request.UserId, "push-gateway", HistorySeries.PushDeliveryFailedActivity, "push", "failed",
                RequestOrigin.None, deviceId: push.Request.DeviceId, remarks: $"reason={reason}", correlationId: push.Request.ReferenceId, eventId: "pf_" + push.EffectId)],
            cancellationToken);
    }

    private void GivenUp(OwedPush push)
    {
        LogPushGaveUp(push.Request.Kind, push.Request.ReferenceId);
        PushAuthDiagnostics.RecordEffectGivenUp(PushAuthDiagnostics.EffectKinds.Push);
    }

    private async Task<DateTimeOffset?> WebhookAsync(OwedWebhook webhook, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - webhook.CreatedAt > WebhookGiveUp)
        {
            LogWebhookGaveUp(webhook.TenantId, webhook.Challenge.ChallengeId);
            PushAuthDiagnostics.RecordEffectGivenUp(PushAuthDiagnostics.EffectKinds.Webhook);
            return null;
        }
        using var activity = TraceContextCarrier.Parse(webhook.TraceContext) is { } parent
            ? PushAuthDiagnostics.Push.StartActivity("webhook.deliver", ActivityKind.Producer, parent)
            : null;
        return await webhooks.SendAsync(webhook, cancellationToken) ? null : Backoff(webhook.EffectId);
    }

    private async Task<DateTimeOffset?> EventWebhookAsync(OwedEventWebhook webhook, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - webhook.OccurredAt > WebhookGiveUp)
        {
            LogWebhookGaveUp(webhook.TenantId, webhook.Type);
            PushAuthDiagnostics.RecordEffectGivenUp(PushAuthDiagnostics.EffectKinds.Webhook);
            return null;
        }
        using var activity = TraceContextCarrier.Parse(webhook.TraceContext) is { } parent
            ? PushAuthDiagnostics.Push.StartActivity("webhook.deliver", ActivityKind.Producer, parent)
            : null;
        return await webhooks.SendEventAsync(webhook, cancellationToken) ? null : Backoff(webhook.EffectId);
    }

    private async Task<DateTimeOffset?> UserNoticeAsync(OwedUserNotice notice, CancellationToken cancellationToken) =>
        await notifier.NotifyAsync(notice.Notice, cancellationToken) == UserNoticeResult.RetryLater ? Backoff(notice.EffectId) : null;

    private async Task<DateTimeOffset?> NoticeAsync(OwedNotice notice, CancellationToken cancellationToken)
    {
        switch (notice.Kind)
        {
            case OwedNotice.Kinds.PairingRemoved:
                await grains.GetGrain<IDeviceGrain>(notice.Target).RemovePairingAsync(notice.Subject, cancellationToken);
                break;
            case OwedNotice.Kinds.DeviceDeregistered:
                await grains.GetGrain<IUserGrain>(notice.Target).RemoveDeviceAsync(notice.Subject, "device", RequestOrigin.Internal, cancellationToken);
                break;
            case OwedNotice.Kinds.RestoreRevokesDevice:
                await grains.GetGrain<IUserRestoreGrain>(notice.Target).RevokeRestoredDeviceAsync(notice.Subject, notice.Detail ?? "", cancellationToken);
                break;
            case OwedNotice.Kinds.BackupRestored or OwedNotice.Kinds.BackupReplaced:
                await grains.GetGrain<IDeviceNoticeGrain>(notice.Target).AddNoticeAsync(notice.EffectId, notice.Kind, notice.Subject, notice.Detail, cancellationToken);
                break;
            case OwedNotice.Kinds.NoticeContact:
                await grains.GetGrain<IUserRestoreGrain>(notice.Target).SetNoticeContactAsync(notice.Subject is "" ? null : notice.Subject, notice.Detail, cancellationToken);
                break;
            case OwedNotice.Kinds.BackupMoved:
                await grains.GetGrain<IBackupGrain>(notice.Target).ReleaseMovedAsync(notice.Subject, notice.Detail ?? "", cancellationToken);
                break;
            default:
                LogUnknownNotice(notice.Kind);
                break;
        }
        return null;
    }

    /// <summary>1 s, 2 s, 4 s … capped at 5 minutes, with jitter over the upper half.</summary>
    private DateTimeOffset Backoff(string id)
    {
        var attempts = _retries.GetValueOrDefault(id).Attempts;
        var ceiling = Math.Min(300.0, Math.Pow(2, Math.Clamp(attempts, 0, 16)));
        return time.GetUtcNow() + TimeSpan.FromSeconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static IEnumerable<string> Ids(OwedEffects owed) =>
        owed.Items.Select(e => e.EffectId);

    [LoggerMessage(EventId = LogEvents.EffectDeliveryFailed, Level = LogLevel.Warning, Message = "Delivering owed effect {EffectId} failed; it will be retried")]
    private partial void LogDeliveryFailed(Exception exception, string effectId);

    [LoggerMessage(EventId = LogEvents.WebhookGaveUp, Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} for {Subject} undeliverable for 24 hours; given up")]
    private partial void LogWebhookGaveUp(string tenantId, string subject);

    [LoggerMessage(EventId = LogEvents.PushGaveUp, Level = LogLevel.Warning, Message = "A {Kind} push for {Reference} was not delivered before it expired; given up")]
    private partial void LogPushGaveUp(string kind, string reference);

    [LoggerMessage(EventId = LogEvents.UnknownOwedNotice, Level = LogLevel.Error, Message = "Unknown owed notice kind {Kind}; dropped")]
    private partial void LogUnknownNotice(string kind);
}
