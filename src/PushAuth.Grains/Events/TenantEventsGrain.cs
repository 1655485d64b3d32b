using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;
using PushAuth.Domain.Events;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;
using PushAuth.Security;

namespace PushAuth.Grains.Events;

/// <summary>
/// A tenant's event subscriptions and delivery queue (<see cref="ITenantEventsGrain"/>). Every change is saved before
/// anything is sent; the sending runs in a timer that interleaves with calls (so a slow receiver never holds a publish
/// from the history grain), and its results are written in one batch. A reminder wakes the grain while deliveries are
/// pending, so a retry survives a silo's death; the timer takes the short retries.
/// </summary>
internal sealed partial class TenantEventsGrain(
    [PersistentState("tenantevents", StorageNames.Default)] IPersistentState<TenantEventsState> state,
    WebhookSender sender,
    KeyMaterial keys,
    TimeProvider time,
    ILogger<TenantEventsGrain> logger) : Grain, ITenantEventsGrain, IRemindable
{
    private const string RetryReminder = "event-delivery";
    private const int MaxPerPass = 32;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromMinutes(1);

    // Requests do not interleave with each other, but the delivery timer does: the gate keeps one write at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private bool _delivering;
    private bool _reminderRegistered;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timer = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions
        {
            DueTime = Timeout.InfiniteTimeSpan,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
        });
        Arm();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task PublishAsync(IReadOnlyList<TenantEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Any(e => e.TenantId != TenantId))
        {
            throw new ArgumentException("Every event must belong to this tenant.", nameof(events));
        }
        if (state.State.Subscriptions.Count == 0)
        {
            return; // nobody listens: nothing to remember either
        }
        await ChangeAsync(s => EventQueue.Publish(s, events, time.GetUtcNow()), cancellationToken);
    }

    public async Task<CreatedEventSubscription> SubscribeAsync(string url, IReadOnlyList<string> eventTypes, string actor, CancellationToken cancellationToken = default)
    {
        if (state.State.Subscriptions.Count >= EventQueue.MaxSubscriptions)
        {
            throw ProblemCodes.Events.SubscriptionLimit.Error($"A tenant may have at most {EventQueue.MaxSubscriptions} event subscriptions; delete one first.");
        }
        var id = "sub_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        var stored = new StoredSubscription(id, url, eventTypes, time.GetUtcNow(), actor, protector.Protect(Encoding.UTF8.GetBytes(secret), AssociatedData(id)));
        await ChangeAsync(s => s with { Subscriptions = [.. s.Subscriptions, stored] }, cancellationToken);
        _secrets[id] = secret;
        return new CreatedEventSubscription(id, url, eventTypes, stored.CreatedAt, secret);
    }

    public Task<IReadOnlyList<EventSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EventSubscription>>([.. state.State.Subscriptions.Select(s => s.View())]);

    public async Task<bool> UnsubscribeAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (EventQueue.Unsubscribe(state.State, subscriptionId) is null)
        {
            return false;
        }
        await ChangeAsync(s => EventQueue.Unsubscribe(s, subscriptionId) ?? s, cancellationToken);
        _secrets.Remove(subscriptionId);
        return true;
    }

    public Task<IReadOnlyList<EventDelivery>> ListDeliveriesAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(EventQueue.Recent(state.State, Math.Clamp(limit, 1, EventQueue.FinishedKept)));

    public async Task<EventDelivery?> ReplayAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        if (EventQueue.Replay(state.State, deliveryId, time.GetUtcNow()) is null)
        {
            return null;
        }
        await ChangeAsync(s => EventQueue.Replay(s, deliveryId, time.GetUtcNow()) ?? s, cancellationToken);
        return state.State.Deliveries.First(d => d.DeliveryId == deliveryId).View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderRegistered = true;
        await DeliverAsync(CancellationToken.None);
    }

    /// <summary>Applies <paramref name="change"/> to the state and saves it, then starts whatever became due.</summary>
    private async Task ChangeAsync(Func<TenantEventsState, TenantEventsState> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var next = change(state.State);
            if (!ReferenceEquals(next, state.State))
            {
                await StateWrite.SaveAsync(state, next, nameof(TenantEventsGrain), "The tenant's event subscriptions changed elsewhere; retry.", DeactivateOnIdle,
                    cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
        await EnsureReminderAsync();
        Arm();
    }

    /// <summary>One pass: sends what is due (a bounded number at once), then records every outcome in one write.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (_delivering)
        {
            return;
        }
        _delivering = true;
        try
        {
            var due = EventQueue.Due(state.State, time.GetUtcNow()).OrderBy(d => d.NextAttemptAt).Take(MaxPerPass).ToList();
            if (due.Count > 0)
            {
                var outcomes = await Task.WhenAll(due.Select(d => SendAsync(d, cancellationToken)));
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    var s = state.State;
                    foreach (var (delivery, attempt) in due.Zip(outcomes))
                    {
                        s = EventQueue.Attempted(s, delivery.DeliveryId, attempt, time.GetUtcNow(), Random.Shared.NextDouble());
                        if (s.Deliveries.FirstOrDefault(d => d.DeliveryId == delivery.DeliveryId) is { Status: EventDeliveryStatus.Failed })
                        {
                            LogGaveUp(TenantId, delivery.Event.Type, delivery.DeliveryId);
                            PushAuthDiagnostics.RecordEffectGivenUp(PushAuthDiagnostics.EffectKinds.Webhook);
                        }
                    }
                    state.State = s;
                    await state.WriteStateAsync(cancellationToken);
                }
                finally
                {
                    _gate.Release();
                }
            }
            if (EventQueue.NextDue(state.State) is null && _reminderRegistered)
            {
                if (await this.GetReminder(RetryReminder, cancellationToken) is { } reminder)
                {
                    await this.UnregisterReminder(reminder, cancellationToken);
                }
                _reminderRegistered = false;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The queue on disk is what counts: re-read it on the next pass (the reminder keeps coming while anything is pending).
            LogPassFailed(ex, TenantId);
            await state.ReadStateAsync(CancellationToken.None);
        }
        finally
        {
            _delivering = false;
            Arm();
        }
    }

    private async Task<DeliveryAttempt> SendAsync(StoredDelivery delivery, CancellationToken cancellationToken)
    {
        if (state.State.Subscriptions.FirstOrDefault(s => s.SubscriptionId == delivery.SubscriptionId) is not { } subscription)
        {
            return new DeliveryAttempt(false, null, "subscription deleted");
        }
        if (await SecretAsync(subscription, cancellationToken) is not { } secret)
        {
            return new DeliveryAttempt(false, null, "secret unreadable");
        }
        using var activity = PushAuthDiagnostics.Push.StartActivity("event.deliver", ActivityKind.Producer);
        activity?.SetTag("pushauth.event.type", delivery.Event.Type);
        try
        {
            return await sender.PostSignedAsync(TenantId, subscription.Url, secret, delivery.DeliveryId, WebhookSender.EventBody(delivery.Event), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, null, ex.GetType().Name);
        }
    }

    private async Task<string?> SecretAsync(StoredSubscription subscription, CancellationToken cancellationToken)
    {
        if (_secrets.TryGetValue(subscription.SubscriptionId, out var cached))
        {
            return cached;
        }
        try
        {
            var protector = await keys.TotpProtectorAsync(cancellationToken);
            var secret = Encoding.UTF8.GetString(protector.Unprotect(subscription.ProtectedSecret, AssociatedData(subscription.SubscriptionId)));
            _secrets[subscription.SubscriptionId] = secret;
            return secret;
        }
        catch (SecretProtectionException ex)
        {
            // Retried like an unreachable receiver, until the operator restores the key or the 24 hours pass.
            LogSecretUnreadable(TenantId, subscription.SubscriptionId, ex.Message);
            return null;
        }
    }

    /// <summary>Points the timer at the next due delivery (at most a minute away: the reminder covers longer waits).</summary>
    private void Arm()
    {
        if (_timer is null || _delivering)
        {
            return;
        }
        if (EventQueue.NextDue(state.State) is not { } next)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var wait = next - time.GetUtcNow();
        _timer.Change(wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimerWait ? LongestTimerWait : wait, Timeout.InfiniteTimeSpan);
    }

    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered || EventQueue.NextDue(state.State) is null)
        {
            return;
        }
        await this.RegisterOrUpdateReminder(RetryReminder, ReminderPeriod, ReminderPeriod);
        _reminderRegistered = true;
    }

    private string AssociatedData(string subscriptionId) => $"event-subscription|{TenantId}|{subscriptionId}";

    [LoggerMessage(EventId = LogEvents.EventDeliveryGaveUp, Level = LogLevel.Warning, Message = "Event {EventType} of tenant {TenantId} undeliverable for 24 hours ({DeliveryId}); given up, an admin may replay it")]
    private partial void LogGaveUp(string tenantId, string eventType, string deliveryId);

    [LoggerMessage(EventId = LogEvents.EventSecretUnreadable, Level = LogLevel.Error, Message = "The signing secret of event subscription {SubscriptionId} of tenant {TenantId} cannot be decrypted ({Reason}); configure its key or recreate the subscription")]
    private partial void LogSecretUnreadable(string tenantId, string subscriptionId, string reason);

    [LoggerMessage(EventId = LogEvents.EventDeliveryPassFailed, Level = LogLevel.Warning, Message = "An event delivery pass of tenant {TenantId} failed; the next pass retries")]
    private partial void LogPassFailed(Exception exception, string tenantId);
}
