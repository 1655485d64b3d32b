using Orleans.Storage;
using PushAuth.Diagnostics;
using PushAuth.Domain.Effects;

namespace PushAuth.Grains.Effects;

/// <summary>
/// Base of the grains that owe effects (users, devices, pairings, tenants, backups): one ETag-checked write per
/// decision, effects handed out after it. Notices and pushes, which other grains' correctness depends on, keep a
/// reminder registered until delivered, so a silo dying right after the write still gets them sent from another silo.
/// History events alone ride along: they are appended on delivery or when the grain next activates.
/// </summary>
internal abstract class OwingGrain<TState>(IPersistentState<TState> state, EffectDelivery effects) : Grain, IRemindable
    where TState : class, IOwesEffects
{
    private bool _reminderRegistered;

    /// <summary>The grain's persisted state.</summary>
    protected IPersistentState<TState> Persisted { get; } = state;

    /// <summary>The grain type for conflict metrics.</summary>
    protected abstract string GrainTypeName { get; }

    /// <summary>The reminder that backs up delivery (the user grain keeps the name its reminders were registered under).</summary>
    protected virtual string ReminderName => "effects";

    /// <summary>What a caller is told when another activation wrote first.</summary>
    protected virtual string ConflictDetail => "The resource changed concurrently; retry the request.";

    /// <summary><paramref name="s"/> with <see cref="IOwesEffects.Owed"/> replaced.</summary>
    protected abstract TState WithOwed(TState s, OwedEffects owed);

    /// <summary>Whether <paramref name="s"/> needs the reminder: while it owes pushes or notices, unless a grain keeps it for more.</summary>
    protected virtual bool NeedsReminder(TState s) => s.Owed.HoldsReminder;

    /// <summary>The state as it is written: a grain drops here what it no longer keeps.</summary>
    protected virtual TState Prepared(TState next) => next;

    /// <summary>After a successful write (and its effects handed out), with the state as saved.</summary>
    protected virtual void Saved(TState saved)
    {
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        effects.Committed(Persisted.State.Owed);
        return Task.CompletedTask;
    }

    /// <summary>Saves <paramref name="next"/> and hands out what it owes.</summary>
    protected async Task SaveAsync(TState next, CancellationToken cancellationToken)
    {
        next = Prepared(WithOwed(next, next.Owed.Without(effects.Delivered)));
        if (!_reminderRegistered && NeedsReminder(next))
        {
            // Registered before the write, so a crash right after it still leaves a reminder to finish the job.
            await this.RegisterOrUpdateReminder(ReminderName, effects.ReminderPeriod, effects.ReminderPeriod, cancellationToken);
            _reminderRegistered = true;
        }
        await StateWrite.SaveAsync(Persisted, next, GrainTypeName, ConflictDetail, this.DeactivateOnIdle, cancellationToken);
        effects.Committed(next.Owed);
        Saved(next);
    }

    /// <summary>The effects reminder; a grain with reminders of its own handles them and passes this one on.</summary>
    public virtual async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await effects.DrainAsync(CancellationToken.None);
        var s = Persisted.State;
        if (!NeedsReminder(WithOwed(s, s.Owed.Without(effects.Delivered))))
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
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
