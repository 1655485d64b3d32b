using Microsoft.Extensions.Logging;
using PushAuth.History;

namespace PushAuth.Grains.Backup;

/// <summary>Appends events about attempts that changed nothing, so no write carries them (best effort, like the user
/// grain's rejected attempts): a refused code, a probe of an unknown backup.</summary>
internal static partial class UnownedHistory
{
    public static void Append(IGrainFactory grains, ILogger logger, IReadOnlyList<HistoryEvent> events)
    {
        foreach (var group in events.GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var batch = group.ToList();
            _ = grains.GetGrain<ITenantHistoryGrain>(group.Key).AppendAsync(batch).ContinueWith(
                t => LogFailed(logger, t.Exception!, batch[0].Activity), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "A history event ({Activity}) for a refused attempt could not be appended")]
    private static partial void LogFailed(ILogger logger, Exception exception, string activity);
}
