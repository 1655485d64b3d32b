using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>Creates or migrates the schema at start, retrying with backoff while storage is unreachable
/// (the silo stays up and reports not-ready meanwhile).</summary>
internal sealed partial class StorageInitializer(IGrainStorage storage, SiloReadiness readiness, ILogger<StorageInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.InitializeAsync(stoppingToken).ConfigureAwait(false);
                readiness.MarkReady();
                LogReady(storage.ProviderName, attempt);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not CorruptGrainStateException)
            {
                readiness.LastError = ex.Message;
                LogNotReachable(ex, storage.ProviderName, attempt, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Storage {Provider} ready after {Attempt} attempt(s)")]
    private partial void LogReady(string provider, int attempt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Storage {Provider} not reachable (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogNotReachable(Exception exception, string provider, int attempt, TimeSpan delay);
}
