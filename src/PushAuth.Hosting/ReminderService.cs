using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>
/// Fires durable reminders (Orleans reminders): claims due rows (SKIP LOCKED on PostgreSQL, so each fires
/// once across silos), runs the grain's <see cref="IRemindable"/> turn, then deletes the row unless the
/// grain moved it. A silo that dies mid-way leaves a lapsing claim, and another silo fires it again.
/// </summary>
public sealed partial class ReminderService(
    GrainRuntime runtime, IGrainStorage storage, SiloReadiness readiness, IOptions<GrainHostingOptions> options,
    TimeProvider time, ILogger<ReminderService> logger) : BackgroundService
{
    private readonly GrainHostingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await storage.ClaimDueRemindersAsync(_options.SiloId, time.GetUtcNow(), _options.ClaimLease, _options.ClaimBatchSize, stoppingToken).ConfigureAwait(false);
                // Fire in parallel, but finish the batch even while stopping (graceful shutdown).
                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (reminder, _) => await FireAsync(reminder).ConfigureAwait(false)).ConfigureAwait(false);
                if (claimed.Count < _options.ClaimBatchSize)
                {
                    await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FireAsync(DueReminder reminder)
    {
        try
        {
            await runtime.RunTurnAsync(reminder.GrainId, async grain =>
            {
                if (grain is not IRemindable remindable)
                {
                    throw new InvalidOperationException($"Grain type '{reminder.GrainId.Type}' received reminder '{reminder.Name}' but is not IRemindable.");
                }
                await remindable.ReceiveReminderAsync(reminder.Name, reminder.DueAt, CancellationToken.None).ConfigureAwait(false);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
            await storage.CompleteReminderAsync(reminder, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Left claimed: it fires again when the lease lapses.
            LogFireFailed(ex, reminder.GrainId, reminder.Name);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Reminder poll failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Reminder {Name} of {GrainId} failed; it fires again after its lease")]
    private partial void LogFireFailed(Exception exception, GrainId grainId, string name);
}
