namespace PushAuth.Hosting;

/// <summary>Implemented by grains that receive durable reminders. Handlers must be idempotent:
/// a reminder fires again if the silo that claimed it died before finishing.</summary>
public interface IRemindable
{
    Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken = default);
}
