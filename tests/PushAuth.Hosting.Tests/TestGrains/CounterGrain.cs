using PushAuth.Hosting;

namespace PushAuth.Hosting.Tests.TestGrains;

public sealed class CounterGrain(IGrainContext context, IPersistentState<CounterState> state, ReminderLog reminderLog, TimeProvider time) : ICounterGrain, IRemindable
{
    public async Task<long> IncrementAsync(CancellationToken cancellationToken = default)
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        await state.WriteStateAsync(cancellationToken);
        return state.State.Value;
    }

    public Task<long> IncrementValidatedAsync(CancellationToken cancellationToken = default) => IncrementAsync(cancellationToken);

    public Task<long> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Value);

    public async Task<long> IncrementWithEffectsAsync(string outboxPayload, DateTimeOffset? reminderAt, CancellationToken cancellationToken = default)
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        state.StageOutbox(new OutboxMessage("test", outboxPayload));
        if (reminderAt is { } at)
        {
            state.StageReminder("tick", at);
        }
        state.StageAudit(new AuditEntry(time.GetUtcNow(), "tenant-1", context.GrainId.Key, "test", "counter.increment", null, "ok"));
        state.StageNotification($"counter/{context.GrainId.Key}");
        await state.WriteStateAsync(cancellationToken);
        return state.State.Value;
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => state.ClearStateAsync(cancellationToken);

    public Task FailHalfwayAsync(CancellationToken cancellationToken = default)
    {
        state.State = state.State with { Value = state.State.Value + 1000 };
        throw new InvalidOperationException("failed before writing");
    }

    public Task<int> RemindersReceivedAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.RemindersReceived);

    public async Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        reminderLog.Record(context.GrainId.Key, name);
        state.State = state.State with { RemindersReceived = state.State.RemindersReceived + 1 };
        state.StageReminderRemoval(name);
        await state.WriteStateAsync(cancellationToken);
    }
}
