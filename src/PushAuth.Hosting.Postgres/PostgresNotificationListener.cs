using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PushAuth.Hosting;

namespace PushAuth.Hosting.Postgres;

/// <summary>Holds one LISTEN connection per silo and wakes local waiters. Reconnects with backoff; a notification
/// missed while disconnected costs the waiter latency (it re-reads state when its wait ends), never correctness.</summary>
public sealed partial class PostgresNotificationListener(
    NpgsqlDataSource dataSource, LocalNotificationBus bus, SiloReadiness readiness, IOptions<PostgresStorageOptions> options,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    /// <summary>True while the LISTEN connection is up.</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => bus.PublishLocal(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{options.Value.NotificationChannel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                IsListening = true;
                delay = TimeSpan.FromMilliseconds(100);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsListening = false;
                LogListenFailed(ex, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "LISTEN connection lost; reconnecting in {Delay}")]
    private partial void LogListenFailed(Exception exception, TimeSpan delay);
}
