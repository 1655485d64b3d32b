using Orleans.Storage;
using PushAuth.Diagnostics;
using PushAuth.Domain.Effects;

namespace PushAuth.Grains.Effects;

/// <summary>
/// Base of the grains that owe effects (devices, pairings, tenants): one ETag-checked write per decision, effects
/// handed out after it. Notices and pushes, which other grains' correctness depends on, keep a reminder registered
/// until delivered, so a silo dying right after the write still gets them sent from another silo. History events
/// alone ride along: they are appended on delivery or when the grain next activates.
/// </summary>
internal abstract class OwingGrain<TState>(IPersistentState<TState> state, EffectDelivery effects) : Grain, IRemindable
    where TState : class, IOwesEffects
{
    private const string EffectsReminder = "effects";
    private bool _reminderRegistered;

    /// <summary>The grain's persisted state.</summary>
    protected IPersistentState<TState> Persisted { get; } = state;

    /// <summary>The grain type for conflict metrics.</summary>
    protected abstract string GrainTypeName { get; }

    /// <summary><paramref name="s"/> with <see cref="IOwesEffects.Owed"/> replaced.</summary>
    protected abstract TState WithOwed(TState s, OwedEffects owed);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        effects.Committed(Persisted.State.Owed);
        return Task.CompletedTask;
    }

    /// <summary>Saves <paramref name="next"/> and hands out what it owes.</summary>
    protected async Task SaveAsync(TState next, CancellationToken cancellationToken)
    {
        next = WithOwed(next, next.Owed.Without(effects.Delivered));
        if (!_reminderRegistered && (next.Owed.Notices.Count > 0 || next.Owed.Pushes.Count > 0))
        {
            await this.RegisterOrUpdateReminder(EffectsReminder, effects.ReminderPeriod, effects.ReminderPeriod, cancellationToken);
            _reminderRegistered = true;
        }
        await StateWrite.SaveAsync(Persisted, next, GrainTypeName, "The resource changed concurrently; retry the request.", this.DeactivateOnIdle, cancellationToken);
        effects.Committed(next.Owed);
    }

    /// <summary>The effects reminder; a grain with reminders of its own handles them and passes this one on.</summary>
    public virtual async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await effects.DrainAsync(CancellationToken.None);
        var s = Persisted.State;
        if (effects.AllDelivered(s.Owed) || (s.Owed.Without(effects.Delivered) is { Notices.Count: 0, Pushes.Count: 0 }))
        {
            if (await this.GetReminder(EffectsReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            _reminderRegistered = false;
            if (!s.Owed.IsEmpty && effects.AllDelivered(s.Owed))
            {
                await SaveAsync(WithOwed(s, OwedEffects.None), CancellationToken.None);
            }
        }
    }
}
