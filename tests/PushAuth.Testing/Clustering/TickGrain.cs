using Orleans.Runtime;

namespace PushAuth.Testing.Clustering;

public sealed class TickGrain(ILocalSiloDetails silo) : Grain, ITickGrain, IRemindable
{
    private const string ReminderName = "tick";

    public Task StartAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime, period, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (await this.GetReminder(ReminderName, cancellationToken) is { } reminder)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TickLog.Record(this.GetPrimaryKeyString(), status.FirstTickTime, status.CurrentTickTime, silo.SiloAddress.ToString());
        return Task.CompletedTask;
    }
}
