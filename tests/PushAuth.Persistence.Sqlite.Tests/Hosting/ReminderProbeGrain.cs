namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private const string ReminderName = "probe";
    private int _ticks;

    public Task RegisterAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime, period, cancellationToken);

    public async Task UnregisterAsync(CancellationToken cancellationToken = default)
    {
        var reminder = await this.GetReminder(ReminderName, cancellationToken);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }
    }

    public Task<int> GetTicksAsync(CancellationToken cancellationToken = default) => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
